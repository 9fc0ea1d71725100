{{ config(alias='customers') }}
-- staging.customers: the customer extract as delivered, stamped with its load time.
select
    customer_id,
    first_name,
    last_name,
    email,
    phone,
    address,
    city,
    state,
    zip_code,
    country,
    customer_segment,
    signup_date,
    updated_at,
    now()::timestamp as loaded_at
from {{ source('raw', 'customers') }}
