-- When a figure held, as a range: "in their first day" after a release dated only to the day ends
-- some time between as_of_start and as_of. as_of_rule says how either was decided (extractor 0.3.0).
ALTER TABLE claims ADD COLUMN as_of_start TIMESTAMPTZ;
ALTER TABLE claims ADD COLUMN as_of_rule VARCHAR;
