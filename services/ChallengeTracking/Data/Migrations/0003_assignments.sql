-- The government assignments an effort may be funded by: KN2023/03505 is reference data every service knows; the
-- others arrive from reporting as AssignmentRegistered.
CREATE TABLE assignments (
    reference text PRIMARY KEY
);

INSERT INTO assignments (reference) VALUES ('KN2023/03505');
