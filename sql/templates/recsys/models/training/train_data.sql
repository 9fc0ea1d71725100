{{ config(materialized='view') }}
-- The train split of the training dataset.
select * from {{ ref('training_dataset') }} where split = 'train'
