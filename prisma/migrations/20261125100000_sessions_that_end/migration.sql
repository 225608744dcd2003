-- Sessions that end. Every session cookie carries a random session id and
-- the account's session version at sign-in.
-- - Signing out records the session id here: that cookie, and any copy of it,
--   stops working on its next request. Rows older than the longest session
--   (14 days) are pruned as new ones arrive.
-- - An admin ending all of a person's sessions moves the version on.
-- Cookies issued before this migration have no id and count as version 0, so
-- upgrading signs nobody out.
ALTER TABLE `users` ADD COLUMN `session_version` INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE `ended_sessions` (
    `id` CHAR(24) NOT NULL,
    `user_id` INTEGER NOT NULL,
    `ended_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ended_sessions_user_id_idx`(`user_id`),
    INDEX `ended_sessions_ended_at_idx`(`ended_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `ended_sessions` ADD CONSTRAINT `ended_sessions_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
