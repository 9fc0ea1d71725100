-- warehouse.dim_customers (SCD Type 2): one row per version of a customer, from the snapshot.
-- valid_from/valid_to chain exactly (a version ends when the next begins); effective_date and
-- end_date are the same window in days, as the pipeline document draws it (end_date is the day
-- before the next version's effective_date).
select
    dbt_scd_id as customer_sk,
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
    country,
    customer_segment,
    signup_date,
    row_number() over (partition by customer_id order by dbt_valid_from) as version,
    dbt_valid_to is null as is_current,
    dbt_valid_from as valid_from,
    dbt_valid_to as valid_to,
    cast(dbt_valid_from as date) as effective_date,
    cast(dbt_valid_to as date) - 1 as end_date
from {{ ref('snap_customers') }}
