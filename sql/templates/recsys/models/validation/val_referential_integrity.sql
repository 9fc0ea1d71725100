-- Referential integrity: every interaction's user_id and product_id exists.
{{ validation_check('user_exists', source('raw', 'interactions'), 'interactions', 'user_id',
    "user_id not in (select user_id from " ~ source('raw', 'users') ~ ")") }}
union all
{{ validation_check('product_exists', source('raw', 'interactions'), 'interactions', 'product_id',
    "product_id not in (select product_id from " ~ source('raw', 'products') ~ ")") }}
