CREATE TABLE `staff_code_grants` (
	`token_hash` text NOT NULL,
	`assessment_id` integer NOT NULL,
	`sealed_code` text NOT NULL,
	PRIMARY KEY(`token_hash`, `assessment_id`),
	FOREIGN KEY (`token_hash`) REFERENCES `staff_sessions`(`token_hash`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_code_grants_assessment_idx` ON `staff_code_grants` (`assessment_id`);