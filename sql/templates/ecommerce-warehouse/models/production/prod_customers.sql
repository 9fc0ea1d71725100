{{ config(alias='customers') }}
-- production.customers: one row per customer. Rules of the pipeline document: remove duplicates,
-- standardize names, fill missing fields with 'Unknown'.
with ranked as (
    select
        *,
        row_number() over (partition by customer_id order by updated_at desc, loaded_at desc) as copy_number
    from {{ ref('stg_customers') }}
    where customer_id is not null
)

select
    -- Surrogate key: customer ids are sequential, so the order (and the key) is stable across loads.
    row_number() over (order by customer_id) as customer_key,
    customer_id,
    {{ standardize_name('first_name') }} as first_name,
    {{ standardize_name('last_name') }} as last_name,
    coalesce(lower(trim(email)), 'Unknown') as email,
    coalesce(trim(phone), 'Unknown') as phone,
    coalesce(trim(address), 'Unknown') as address,
    coalesce(trim(city), 'Unknown') as city,
    coalesce(trim(state), 'Unknown') as state,
    coalesce(trim(zip_code), 'Unknown') as zip_code,
    coalesce(country, 'Unknown') as country,
    coalesce(customer_segment, 'Unknown') as customer_segment,
    signup_date,
    {{ standardize_name('first_name') }} is distinct from first_name
        or {{ standardize_name('last_name') }} is distinct from last_name as is_name_corrected,
    email is null or phone is null or address is null or city is null or state is null or zip_code is null as is_gap_filled,
    true as is_active,
    cast(signup_date as timestamp) as created_at,
    updated_at
from ranked
where copy_number = 1
