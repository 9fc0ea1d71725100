{% snapshot snap_products %}
{#- SCD Type 2 history of production.products: a re-priced product gets a new version. -#}
{{
    config(
        target_schema='snapshots',
        unique_key='product_id',
        strategy='timestamp',
        updated_at='updated_at',
        hard_deletes='invalidate',
    )
}}
select
    product_id,
    product_name,
    category,
    brand,
    supplier_id,
    price,
    cost,
    unit_margin,
    margin_percent,
    updated_at
from {{ ref('prod_products') }}
{% endsnapshot %}
