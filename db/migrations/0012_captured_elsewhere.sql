ALTER TABLE `assessments` ADD `capture` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `captured_at` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `synced_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_client_id_unique` ON `assessments` (`client_id`);