-- Named gap-free counters (registration numbers and the like), one row per
-- series; updating the row locks the series until commit.
CREATE TABLE counter (
    series text PRIMARY KEY,
    last_number integer NOT NULL
);
