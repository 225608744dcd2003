-- AlterTable
ALTER TABLE `chat_messages` ADD COLUMN `is_hidden` BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN `hidden_at` DATETIME(3) NULL;

-- AlterTable
ALTER TABLE `questions` ADD COLUMN `votes` INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE `question_votes` (
    `question_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `question_votes_user_id_idx`(`user_id`),
    PRIMARY KEY (`question_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE INDEX `chat_messages_is_hidden_id_idx` ON `chat_messages`(`is_hidden`, `id`);

-- AddForeignKey
ALTER TABLE `question_votes` ADD CONSTRAINT `question_votes_question_id_fkey` FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_votes` ADD CONSTRAINT `question_votes_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
