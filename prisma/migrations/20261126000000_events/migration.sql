-- Events. Until now Podium was one event; every chat message, question and
-- viewing session now belongs to one. Today's data moves into a first event
-- made here: live, featured (the seed's routes /, /watch, /mod, /speaker and
-- /reports serve it), and holding every row there is. Nothing is lost.

-- CreateTable
CREATE TABLE `events` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `slug` VARCHAR(64) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `description` VARCHAR(4000) NOT NULL DEFAULT '',
    `stream_url` VARCHAR(2000) NOT NULL DEFAULT '',
    `starts_at` DATETIME(3) NOT NULL,
    `ends_at` DATETIME(3) NULL,
    `state` ENUM('scheduled', 'live', 'ended') NOT NULL DEFAULT 'scheduled',
    `is_chat_on` BOOLEAN NOT NULL DEFAULT true,
    `is_qa_on` BOOLEAN NOT NULL DEFAULT true,
    `is_featured` BOOLEAN NULL,
    `archived_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `events_slug_key`(`slug`),
    UNIQUE INDEX `events_is_featured_key`(`is_featured`),
    INDEX `events_archived_at_state_starts_at_idx`(`archived_at`, `state`, `starts_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `registrations` (
    `event_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `registrations_event_id_created_at_idx`(`event_id`, `created_at`),
    INDEX `registrations_user_id_idx`(`user_id`),
    PRIMARY KEY (`event_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The first event: id 1, live and featured, starting with the earliest thing recorded.
INSERT INTO `events` (`id`, `slug`, `title`, `description`, `stream_url`, `starts_at`, `state`, `is_featured`)
SELECT 1, 'first-event', 'First event', '', '',
    LEAST(
        COALESCE((SELECT MIN(`created_at`) FROM `users` WHERE `role` = 'viewer'), CURRENT_TIMESTAMP(3)),
        COALESCE((SELECT MIN(`created_at`) FROM `chat_messages`), CURRENT_TIMESTAMP(3)),
        COALESCE((SELECT MIN(`created_at`) FROM `questions`), CURRENT_TIMESTAMP(3)),
        COALESCE((SELECT MIN(`start_time`) FROM `session_analytics`), CURRENT_TIMESTAMP(3))),
    'live', true;

-- Everyone who registered so far registered for it, on the day they did (the reports' Reg Date stays the same).
INSERT INTO `registrations` (`event_id`, `user_id`, `created_at`)
SELECT 1, `id`, `created_at` FROM `users` WHERE `role` = 'viewer';

-- Every message, question and viewing session is the first event's. The default
-- keeps code that does not name an event yet working while events land; a later
-- migration removes it.
ALTER TABLE `chat_messages` ADD COLUMN `event_id` INTEGER NOT NULL DEFAULT 1;
ALTER TABLE `questions` ADD COLUMN `event_id` INTEGER NOT NULL DEFAULT 1;
ALTER TABLE `session_analytics` ADD COLUMN `event_id` INTEGER NOT NULL DEFAULT 1;

-- Indexes lead with the event: every list, resync and report reads one event.
CREATE INDEX `chat_messages_event_id_id_idx` ON `chat_messages`(`event_id`, `id`);
CREATE INDEX `chat_messages_event_id_is_hidden_id_idx` ON `chat_messages`(`event_id`, `is_hidden`, `id`);
CREATE INDEX `chat_messages_event_id_hidden_at_idx` ON `chat_messages`(`event_id`, `hidden_at`);
CREATE INDEX `chat_messages_event_id_created_at_idx` ON `chat_messages`(`event_id`, `created_at`);
CREATE UNIQUE INDEX `chat_messages_event_id_user_id_client_id_key` ON `chat_messages`(`event_id`, `user_id`, `client_id`);
DROP INDEX `chat_messages_user_id_client_id_key` ON `chat_messages`;
DROP INDEX `chat_messages_is_hidden_id_idx` ON `chat_messages`;
DROP INDEX `chat_messages_hidden_at_idx` ON `chat_messages`;
DROP INDEX `chat_messages_created_at_idx` ON `chat_messages`;

CREATE INDEX `questions_event_id_status_id_idx` ON `questions`(`event_id`, `status`, `id`);
DROP INDEX `questions_status_id_idx` ON `questions`;

-- One open viewing session per person per event: two events watched at once are two sessions.
CREATE UNIQUE INDEX `session_analytics_user_id_event_id_is_open_key` ON `session_analytics`(`user_id`, `event_id`, `is_open`);
CREATE INDEX `session_analytics_event_person_idx` ON `session_analytics`(`event_id`, `user_id`, `last_ping`, `start_time`, `total_minutes`);
CREATE INDEX `session_analytics_event_id_start_time_idx` ON `session_analytics`(`event_id`, `start_time`);
CREATE INDEX `session_analytics_event_id_last_ping_idx` ON `session_analytics`(`event_id`, `last_ping`);
CREATE INDEX `session_analytics_event_id_total_minutes_idx` ON `session_analytics`(`event_id`, `total_minutes`);
DROP INDEX `session_analytics_user_id_is_open_key` ON `session_analytics`;
DROP INDEX `session_analytics_user_id_last_ping_start_time_total_minutes_idx` ON `session_analytics`;
DROP INDEX `session_analytics_start_time_idx` ON `session_analytics`;
DROP INDEX `session_analytics_last_ping_idx` ON `session_analytics`;
DROP INDEX `session_analytics_total_minutes_idx` ON `session_analytics`;

-- AddForeignKey
ALTER TABLE `registrations` ADD CONSTRAINT `registrations_event_id_fkey` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE `registrations` ADD CONSTRAINT `registrations_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `chat_messages` ADD CONSTRAINT `chat_messages_event_id_fkey` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE `questions` ADD CONSTRAINT `questions_event_id_fkey` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE `session_analytics` ADD CONSTRAINT `session_analytics_event_id_fkey` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
