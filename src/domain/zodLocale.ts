// Validation messages in Vietnamese by default (people read them: owners, department reviewers).
import { z } from "zod";

z.config(z.locales.vi());
