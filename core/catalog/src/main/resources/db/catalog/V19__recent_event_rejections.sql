-- Messages the tracking API left out show among a source's live events, with the reason, so that a
-- person who sees fewer rows than were sent finds out why. Null for events that were accepted.
alter table recent_event add column rejected_reason varchar(1000);
