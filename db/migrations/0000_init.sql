CREATE TABLE `advice_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`action_id` text NOT NULL,
	`platform_id` text,
	`channel` text NOT NULL,
	`contact` text NOT NULL,
	`message` text,
	`status` text DEFAULT 'new' NOT NULL,
	`dedupe_key` text NOT NULL,
	`handled_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`handled_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advice_requests_dedupe_key_unique` ON `advice_requests` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `advice_status_idx` ON `advice_requests` (`status`);--> statement-breakpoint
CREATE TABLE `answer_notes` (
	`assessment_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`note` text,
	`evidence_seen` integer DEFAULT false NOT NULL,
	`staff_id` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `question_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `answers` (
	`assessment_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `question_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`questionnaire_hash` text NOT NULL,
	`questionnaire_id` text NOT NULL,
	`questionnaire_version` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`business_name` text NOT NULL,
	`legal_form` text NOT NULL,
	`tax_code` text,
	`commune_id` text NOT NULL,
	`activity_group` text NOT NULL,
	`sector` text NOT NULL,
	`staff` integer NOT NULL,
	`revenue_bn_vnd` real,
	`capital_bn_vnd` real,
	`size_class` text NOT NULL,
	`size_basis` text NOT NULL,
	`business_id` integer,
	`round` integer DEFAULT 1 NOT NULL,
	`previous_assessment_id` integer,
	`method` text DEFAULT 'self' NOT NULL,
	`created_by_staff_id` integer,
	`validated_by_staff_id` integer,
	`validated_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	`overall_score` real,
	`national_level` integer,
	`eu_band` text,
	`uses_digital_platforms` integer,
	`pillar_scores` text,
	FOREIGN KEY (`questionnaire_hash`) REFERENCES `questionnaire_versions`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`previous_assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`validated_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_code_hash_unique` ON `assessments` (`code_hash`);--> statement-breakpoint
CREATE INDEX `assessments_status_sector_idx` ON `assessments` (`status`,`sector`,`commune_id`);--> statement-breakpoint
CREATE INDEX `assessments_business_idx` ON `assessments` (`business_id`,`round`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`staff_id` integer,
	`assessment_id` integer,
	`business_id` integer,
	`action` text NOT NULL,
	`question_id` text,
	`old_value` text,
	`new_value` text,
	`reason` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_assessment_idx` ON `audit_log` (`assessment_id`);--> statement-breakpoint
CREATE INDEX `audit_staff_idx` ON `audit_log` (`staff_id`);--> statement-breakpoint
CREATE TABLE `businesses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`legal_form` text NOT NULL,
	`tax_code` text,
	`commune_id` text NOT NULL,
	`activity_group` text NOT NULL,
	`sector` text NOT NULL,
	`registry_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`registry_id`) REFERENCES `registry`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `businesses_tax_code_unique` ON `businesses` (`tax_code`);--> statement-breakpoint
CREATE INDEX `businesses_commune_sector_idx` ON `businesses` (`commune_id`,`sector`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`granted` integer NOT NULL,
	`policy_version` text NOT NULL,
	`method` text NOT NULL,
	`recorded_by_staff_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_assessment_idx` ON `consents` (`assessment_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `questionnaire_versions` (
	`hash` text PRIMARY KEY NOT NULL,
	`questionnaire_id` text NOT NULL,
	`version` text NOT NULL,
	`content` text NOT NULL,
	`first_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `registry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registry_key` text NOT NULL,
	`tax_code` text,
	`name` text NOT NULL,
	`legal_form` text NOT NULL,
	`commune_id` text NOT NULL,
	`sector` text NOT NULL,
	`size_class` text,
	`imported_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registry_registry_key_unique` ON `registry` (`registry_key`);--> statement-breakpoint
CREATE INDEX `registry_tax_idx` ON `registry` (`tax_code`);--> statement-breakpoint
CREATE INDEX `registry_commune_sector_idx` ON `registry` (`commune_id`,`sector`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_unique` ON `staff` (`email`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff_idx` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
CREATE TABLE `support_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`assessment_id` integer,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`amount_vnd` integer,
	`platform_id` text,
	`note` text,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `support_business_idx` ON `support_records` (`business_id`,`date`);