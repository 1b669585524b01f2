-- Money written one way everywhere, with the pound sign, as the pages and
-- the capsule write it (docs/pages.md, money-ear).  Numbered 0004 to leave
-- 0003 to the migration being written beside it; gaps are fine.

UPDATE model SET evidence = 'Over 1,000 people in the United Kingdom take part in Homeshare. In one match, the younger person paid £18 a week towards bills, far less than renting privately.'
WHERE key = 'homeshare' AND workshop_id IS NULL;

UPDATE model SET evidence = 'In Moray, the board saw Shared Lives work well as day support. It then agreed to move between 4 and 8 pence in every pound of its learning disability budget into Shared Lives.'
WHERE key = 'shared-lives-day' AND workshop_id IS NULL;
