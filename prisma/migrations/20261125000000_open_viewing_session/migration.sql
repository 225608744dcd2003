-- AlterTable
ALTER TABLE `session_analytics` ADD COLUMN `is_open` BOOLEAN NULL,
    ADD COLUMN `credit_batch` VARCHAR(16) NULL;

-- Each person's latest session is their open one; older ones have ended.
UPDATE `session_analytics` s
JOIN (SELECT `user_id`, MAX(`id`) AS `id` FROM `session_analytics` GROUP BY `user_id`) latest ON latest.`id` = s.`id`
SET s.`is_open` = true;

-- CreateIndex
CREATE UNIQUE INDEX `session_analytics_user_id_is_open_key` ON `session_analytics`(`user_id`, `is_open`);
