-- The WEB_PUSH channel switch of a type (issue 21): off unless the user opted in; critical
-- notifications are pushed whatever it says. Numbered 6.21 so that it orders after V6
-- whichever other change takes that number.
ALTER TABLE preference_types ADD COLUMN web_push boolean NOT NULL DEFAULT false;
