-- Data type correctness, value sets and null-value thresholds, one row per check. A check passes
-- when its failing share is at most max_failure_rate (optional columns may be partly NULL).
{{ validation_check('timestamp_is_iso8601', source('raw', 'interactions'), 'interactions', 'timestamp',
    "timestamp is null or not regexp_full_match(timestamp, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})')") }}
union all
{{ validation_check('rating_in_1_5', source('raw', 'interactions'), 'interactions', 'rating', 'rating < 1 or rating > 5') }}
union all
{{ validation_check('interaction_type_known', source('raw', 'interactions'), 'interactions', 'interaction_type',
    "interaction_type is null or interaction_type not in ('view', 'add_to_cart', 'purchase')") }}
union all
{{ validation_check('device_type_known', source('raw', 'interactions'), 'interactions', 'device_type',
    "device_type is null or device_type not in ('mobile', 'desktop', 'tablet')") }}
union all
{{ validation_check('page_context_known', source('raw', 'interactions'), 'interactions', 'page_context',
    "page_context is null or page_context not in ('homepage', 'search', 'product_page')") }}
union all
{{ validation_check('required_ids_present', source('raw', 'interactions'), 'interactions', 'user_id, product_id, session_id',
    'user_id is null or product_id is null or session_id is null') }}
union all
{{ validation_check('price_present', source('raw', 'products'), 'products', 'price', 'price is null') }}
union all
{{ validation_check('price_positive', source('raw', 'products'), 'products', 'price', 'price <= 0') }}
union all
{{ validation_check('attributes_is_json_object', source('raw', 'products'), 'products', 'attributes',
    "json_type(attributes) <> 'OBJECT'") }}
union all
{{ validation_check('gender_null_share', source('raw', 'users'), 'users', 'gender', 'gender is null', 0.25) }}
union all
{{ validation_check('preferences_is_json_object', source('raw', 'users'), 'users', 'preferences',
    "json_type(preferences) <> 'OBJECT'") }}
