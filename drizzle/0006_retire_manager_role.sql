-- Custom SQL migration file, put your code below! --
-- Decision 013: a manager is whoever manages a team (team_managers), not a stored role. People stored with
-- the role 'manager' become learners; their rows in team_managers keep them managers.
UPDATE `users` SET `role` = 'learner' WHERE `role` = 'manager';
