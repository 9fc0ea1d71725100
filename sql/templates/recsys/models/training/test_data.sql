{{ config(materialized='view') }}
-- The test split of the training dataset.
select * from {{ ref('training_dataset') }} where split = 'test'
