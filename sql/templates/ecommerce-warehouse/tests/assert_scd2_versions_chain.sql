-- SCD Type 2: each closed version ends exactly when the next version of the same record begins,
-- for customers and products alike (no gaps, no overlaps).
with versions as (
    select 'customer' as dimension, customer_id as business_key, valid_from, valid_to,
           lead(valid_from) over (partition by customer_id order by valid_from) as next_valid_from
    from {{ ref('dim_customers') }}
    union all
    select 'product', product_id, valid_from, valid_to,
           lead(valid_from) over (partition by product_id order by valid_from)
    from {{ ref('dim_products') }}
)

select *
from versions
where next_valid_from is not null and valid_to is distinct from next_valid_from
