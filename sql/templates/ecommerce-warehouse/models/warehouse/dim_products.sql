-- warehouse.dim_products (SCD Type 2): one row per version of a product (price, cost), from the snapshot.
select
    dbt_scd_id as product_sk,
    product_id,
    product_name,
    category,
    brand,
    supplier_id,
    price,
    cost,
    unit_margin,
    margin_percent,
    row_number() over (partition by product_id order by dbt_valid_from) as version,
    dbt_valid_to is null as is_current,
    dbt_valid_from as valid_from,
    dbt_valid_to as valid_to,
    cast(dbt_valid_from as date) as effective_date,
    cast(dbt_valid_to as date) - 1 as end_date
from {{ ref('snap_products') }}
