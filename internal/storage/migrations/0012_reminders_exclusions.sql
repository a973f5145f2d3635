-- 催评 and 暂不公示.
--
-- cycle_reminders records every reminder an admin sent to a cycle's
-- unfinished raters: the class (0 = the whole cycle), the channel, how many
-- accounts and unfinished tasks it reached, who and when. The page shows
-- the last one, and a second reminder to the same class soon after asks
-- first. The messages themselves are rows of notifications.
CREATE TABLE cycle_reminders (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL DEFAULT 0,
    channel TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    tasks INTEGER NOT NULL,
    sent_by BIGINT,
    sent_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id)
);
CREATE INDEX cycle_reminders_cycle ON cycle_reminders (school_id, cycle_id, class_id);

-- result_exclusions holds back results from 公示: a whole class
-- (student_id 0) or one student, with the admin's written reason. A cycle
-- with a 待补评 student is publicised only when every such student is
-- excluded, and excluded students are listed as 暂不公示.
CREATE TABLE result_exclusions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);
CREATE UNIQUE INDEX result_exclusions_one ON result_exclusions (school_id, cycle_id, class_id, student_id);
