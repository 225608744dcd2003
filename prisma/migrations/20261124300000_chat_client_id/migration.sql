-- AlterTable
ALTER TABLE `chat_messages` ADD COLUMN `client_id` VARCHAR(64) NULL;

-- CreateIndex
CREATE UNIQUE INDEX `chat_messages_user_id_client_id_key` ON `chat_messages`(`user_id`, `client_id`);

-- CreateIndex
CREATE INDEX `chat_messages_hidden_at_idx` ON `chat_messages`(`hidden_at`);
