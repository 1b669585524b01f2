-- Shorter sentences for the seeded words: the page rules keep a sentence
-- under 25 words, and these are read aloud by screen readers.

UPDATE area SET summary = 'Help to live well in your own home. That can be personal care, help around the house, company, or a hand with what matters to you.'
WHERE key = 'home';

UPDATE stage SET question = 'How much is spent on this support now? How much do we expect to have in the coming years?'
WHERE key = 'money';

UPDATE model SET summary = 'A trained and approved Shared Lives carer visits someone, or welcomes them for a few hours or a short break. It happens as part of the carer''s own family life.'
WHERE key = 'shared-lives-home' AND workshop_id IS NULL;

UPDATE model SET evidence = 'Nearly 90 in every 100 people asked said Shared Lives left them more connected to others. 83 in 100 said their physical health got better, and 88 in 100 their emotional health. Over 1,100 people use Shared Lives in Wales and over 500 in Scotland.'
WHERE key = 'shared-lives' AND workshop_id IS NULL;

UPDATE model SET evidence = 'In Moray, the board saw Shared Lives work well as day support. It then agreed to move 4 to 8 pounds in every 100 of its learning disability budget into Shared Lives.'
WHERE key = 'shared-lives-day' AND workshop_id IS NULL;

UPDATE model SET evidence = 'Some people have moved from a long stay in hospital into a Shared Lives household. They describe feeling part of something, not looked after by staff who go home after a shift.'
WHERE key = 'shared-lives-hospital' AND workshop_id IS NULL;

UPDATE model SET summary = 'A whole area starts from what people, families and communities already have and can do. Then every service changes how it works, to build on that.'
WHERE key = 'asset-based-area' AND workshop_id IS NULL;
