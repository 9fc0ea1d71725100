{{ config(materialized='view') }}
-- The validation split of the training dataset.
select * from {{ ref('training_dataset') }} where split = 'validation'
