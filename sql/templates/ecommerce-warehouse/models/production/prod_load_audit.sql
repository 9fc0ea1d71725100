{{ config(alias='load_audit') }}
-- production.load_audit: the document's transformation monitoring point, rows in vs rows out per
-- table, and how many kept rows a cleansing rule corrected.
{% set tables = [
    ('customers', 'stg_customers', 'prod_customers', 'is_name_corrected or is_gap_filled'),
    ('products', 'stg_products', 'prod_products', 'is_price_corrected or is_cost_corrected'),
    ('transactions', 'stg_transactions', 'prod_transactions', 'is_payment_method_corrected'),
    ('transaction_items', 'stg_transaction_items', 'prod_transaction_items', 'is_discount_clamped'),
] %}
{% for name, staged, cleansed, corrected in tables %}
select
    '{{ name }}' as table_name,
    (select count(*) from {{ ref(staged) }}) as rows_in,
    (select count(*) from {{ ref(cleansed) }}) as rows_out,
    (select count(*) from {{ ref(staged) }}) - (select count(*) from {{ ref(cleansed) }}) as rows_removed,
    (select count(*) from {{ ref(cleansed) }} where {{ corrected }}) as rows_corrected
{% if not loop.last %}union all{% endif %}
{% endfor %}
