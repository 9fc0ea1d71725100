-- Cleaning removed every session the bot heuristic flagged.
select c.session_id
from {{ ref('clean_interactions') }} c
join {{ ref('bot_sessions') }} b using (session_id)
