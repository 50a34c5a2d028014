-- `near` on the location-privacy grid vs on the exact point (docs/decisions.md, "Location
-- privacy"): the same listing query both ways, side by side, on 200,000 random points in a
-- ~110 km square, with the GiST index the tasks table has. Run it in a scratch database:
--   createdb -h 127.0.0.1 -U postgres sx_near && psql -h 127.0.0.1 -U postgres -d sx_near -f bench/near-grid.sql; dropdb -h 127.0.0.1 -U postgres sx_near
-- The grid expression is the one src/db/task-queries.ts builds (1 km rows, 10° cap); the new
-- query's box is widened by 750 m (GRID_CENTRE_MAX_OFFSET_KM). Milliseconds per query, mean of 20.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
DROP TABLE IF EXISTS t;
CREATE TABLE t (id serial PRIMARY KEY, lat float8, lng float8, created_at timestamptz DEFAULT now() - random() * interval '30 days');
INSERT INTO t (lat, lng) SELECT 51.5 + (random() - 0.5), -0.12 + (random() - 0.5) * 1.6 FROM generate_series(1, 200000);
CREATE INDEX ON t USING gist (ll_to_earth(lat, lng));
CREATE INDEX ON t (created_at DESC, id DESC);
ANALYZE t;
CREATE OR REPLACE FUNCTION bench(q text, n int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; i int; BEGIN
  t0 := clock_timestamp();
  FOR i IN 1..n LOOP EXECUTE q; END LOOP;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000 / n;
END $$;
SELECT r_km,
  round(bench(format($q$SELECT array_agg(id) FROM (SELECT id FROM t WHERE earth_box(ll_to_earth(51.51, -0.13), %s) @> ll_to_earth(lat, lng) AND earth_distance(ll_to_earth(51.51, -0.13), ll_to_earth(lat, lng)) <= %s ORDER BY created_at DESC, id DESC LIMIT 21) s$q$, r_km*1000, r_km*1000), 20)::numeric, 2) AS old_ms,
  round(bench(format($q$SELECT array_agg(id) FROM (SELECT id FROM t WHERE earth_box(ll_to_earth(51.51, -0.13), %s) @> ll_to_earth(lat, lng) AND earth_distance(ll_to_earth(51.51, -0.13), ll_to_earth(
      least(90, greatest(-90, -90 + (floor((lat + 90) / (1/111.32)::float8) + 0.5) * (1/111.32)::float8)),
      least(180, greatest(-180, -180 + (floor((lng + 180) / (least(10::float8, (1/111.32)::float8 / greatest(cos((least(90, greatest(-90, -90 + (floor((lat + 90) / (1/111.32)::float8) + 0.5) * (1/111.32)::float8))) * pi() / 180), 1e-6)))) + 0.5) * (least(10::float8, (1/111.32)::float8 / greatest(cos((least(90, greatest(-90, -90 + (floor((lat + 90) / (1/111.32)::float8) + 0.5) * (1/111.32)::float8))) * pi() / 180), 1e-6)))))
    )) <= %s ORDER BY created_at DESC, id DESC LIMIT 21) s$q$, r_km*1000 + 750, r_km*1000), 20)::numeric, 2) AS new_ms
FROM (VALUES (0.1), (1.0), (5.0), (25.0)) v(r_km);
