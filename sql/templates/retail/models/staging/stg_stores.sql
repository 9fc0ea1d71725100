select
    store_id,
    store_name,
    address,
    city,
    state,
    region,
    store_type,
    opened_date
from {{ source('raw', 'stores') }}
