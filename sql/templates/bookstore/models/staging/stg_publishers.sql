-- One row per publisher: trimmed text, typed numbers, defaults for missing labels.
with source as (
    select * from {{ source('raw', 'publishers') }}
)

select
    trim(publisher_id) as publisher_id,
    trim(publisher_name) as publisher_name,
    coalesce(publisher_type, 'Unknown') as publisher_type,
    coalesce(country, 'Unknown') as country,
    cast(established_year as integer) as established_year,
    coalesce(cast(total_titles as integer), 0) as total_titles,
    coalesce(active_status, 'Unknown') as active_status,
    coalesce(active_status = 'Active', false) as is_active,
    cast(created_at as timestamp) as created_at
from source
where publisher_id is not null
