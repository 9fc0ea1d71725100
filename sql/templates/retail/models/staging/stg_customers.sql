select
    customer_id,
    first_name,
    last_name,
    first_name || ' ' || last_name as full_name,
    email,
    phone,
    address,
    city,
    state,
    zip_code,
    loyalty_status
from {{ source('raw', 'customers') }}
