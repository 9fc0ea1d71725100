-- tests/assert_valid_events.sql (as in the seed document): no silver event is dated in the
-- future or before 2020.
SELECT *
FROM {{ ref('silver_events') }}
WHERE event_timestamp > CURRENT_DATE + INTERVAL '1 day'
   OR event_timestamp < '2020-01-01'
