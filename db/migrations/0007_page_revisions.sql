-- Page revisions (see assessmentRevisions in db/schema.ts). Raised inside the writing statement,
-- so no code path can change what an owner page shows without a new revision.
CREATE TABLE `assessment_revisions` (
	`assessment_id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER revision_assessments_au AFTER UPDATE ON assessments BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = NEW.id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_assessments_ad AFTER DELETE ON assessments BEGIN
  DELETE FROM assessment_revisions WHERE assessment_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER revision_answers_ai AFTER INSERT ON answers BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = NEW.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_answers_au AFTER UPDATE ON answers BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = NEW.assessment_id AND NEW.assessment_id IS NOT OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_answers_ad AFTER DELETE ON answers BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_consents_ai AFTER INSERT ON consents BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = NEW.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_consents_au AFTER UPDATE ON consents BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = NEW.assessment_id AND NEW.assessment_id IS NOT OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER revision_consents_ad AFTER DELETE ON consents BEGIN
  INSERT INTO assessment_revisions (assessment_id, n) SELECT id, 1 FROM assessments WHERE id = OLD.assessment_id ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1;
END;
