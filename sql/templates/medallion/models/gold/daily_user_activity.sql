{{ config(materialized='table') }}
-- Gold: one row per user and active day over the last 30 days (ending at `activity_as_of`).
SELECT
    user_id,
    DATE(event_timestamp) as activity_date,
    COUNT(*) as total_events,
    COUNT(DISTINCT event_type) as unique_event_types,
    MIN(event_timestamp) as first_event_time,
    MAX(event_timestamp) as last_event_time
FROM {{ ref('silver_events') }}
WHERE event_timestamp >= {{ activity_as_of(ref('silver_events')) }} - INTERVAL '30 days'
GROUP BY user_id, DATE(event_timestamp)
