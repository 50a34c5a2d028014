-- The `near` filter: earthdistance's ll_to_earth/earth_box over a GiST index (needs cube).
-- In `public` because earthdistance's SQL functions call cube() unqualified, so both must be on
-- the default search_path; IF NOT EXISTS because extensions are per database, not per schema.
CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;
