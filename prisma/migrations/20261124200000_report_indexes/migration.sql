-- CreateIndex
CREATE INDEX `users_phone_idx` ON `users`(`phone`);

-- CreateIndex
CREATE INDEX `session_analytics_user_id_last_ping_start_time_total_minutes_idx` ON `session_analytics`(`user_id`, `last_ping`, `start_time`, `total_minutes`);

-- CreateIndex
CREATE INDEX `session_analytics_total_minutes_idx` ON `session_analytics`(`total_minutes`);

-- DropIndex
DROP INDEX `session_analytics_user_id_last_ping_idx` ON `session_analytics`;
