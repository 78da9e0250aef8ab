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
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	`overall_score` real,
	`national_level` integer,
	`eu_band` text,
	`uses_digital_platforms` integer,
	`pillar_scores` text,
	FOREIGN KEY (`questionnaire_hash`) REFERENCES `questionnaire_versions`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_code_hash_unique` ON `assessments` (`code_hash`);--> statement-breakpoint
CREATE INDEX `assessments_status_sector_idx` ON `assessments` (`status`,`sector`,`commune_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`granted` integer NOT NULL,
	`policy_version` text NOT NULL,
	`method` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
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
