# The bot's interface in English. Answers themselves come from the core, in the article's words.

## Commands, as listed in the menu and by /help
cmd-ask = Ask a question about the event
cmd-speakers = Who spoke, with their roles and claims
cmd-speaker = One speaker's claims: /speaker <name>
cmd-summary = The event in brief, with sources
cmd-source = The article: title, date and link
cmd-help = How to use the bot, also in groups
cmd-start = What this bot knows

## /start and /help
start-intro = I answer questions about { $title } from the article that reports it, and I quote the article's own words for every answer. When the article does not say, I tell you so.
start-try = Ask me anything about it, or try one of these:
help-commands = Commands
help-private-title = In a private chat
help-private = just write your question.
help-group-title = In a group
help-group = use /ask your question, mention @{ $bot } in a message, or reply to one of my messages. I stay quiet otherwise.
help-inline-title = In any chat
help-inline = type @{ $bot } and a question to share an answer.
help-sources = Each answer has numbered sources [1], [2] that quote the article word for word; tap one to open it.

## Example questions on /start
example-who-spoke = Who spoke at the event?
example-what-said = What did { $name } say?
example-who-agreed = Who agreed with { $name }?
example-who-is = Who is { $name }?
example-summary = Summarize the event

## Answers
sources = Sources
what-it-says = What it does say
not-in-article = Not in the article
closest = The article does not say exactly; closest is:
article = Article
date-line = date line
summary-heading = Summary
digest-heading = In brief
digest-ended = How it ended
digest-full = Full summary
no-speakers = The article names no speakers.
speakers-count = { $count ->
    [one] One person spoke.
   *[other] { $count } people spoke.
} Tap a name to see their claims with sources.
no-link = No link is given.

## Replies of the bot itself
ask-empty = Please add a question, for example: /ask Who spoke at the event?
speaker-empty = Whose claims? For example: /speaker { $example }
speaker-none = No speaker matches “{ $query }”. Send /speakers for the list.
button-stale-start = This button is out of date. Send /start again.
button-stale-speakers = This button is out of date. Send /speakers again.
button-stale = This button is out of date.
unknown-command = I don't know the command /{ $command }. Send /help to see what I can do.
text-only = I can only read text. Please type your question about the event.
not-allowed = Sorry, this bot is only available in certain chats.
not-allowed-button = This bot is not available in this chat.
rate-limited = You are sending questions faster than I can answer. Please wait { $seconds } seconds and ask again.
rate-limited-button = Too many requests, please wait a moment.
error = Sorry, something went wrong while answering. Please try again.
error-button = Sorry, something went wrong.
group-intro = Hello! I answer questions about { $title } with quotes from the article. Ask with /ask, mention @{ $bot }, or reply to me. /summary catches you up.
inline-prompt = Type a question about the event
inline-not-in-article = Not in the article: { $question }

## The console chat
console-intro = Type a question, a command such as /speakers or /summary, #N to tap a button, or /quit.
console-no-button = There is no button #{ $n }: the last message has { $count ->
    [0] no buttons
    [one] one button
   *[other] { $count } buttons
}.
console-bye = Bye.

cmd-forget = Delete what the bot stored about this chat
forget-check-failed = Sorry, I could not check who the group's admins are. Please try again in a moment.
forget-admins-only = Sorry, only the group's admins can ask me to forget this chat.
forget-done-group = Done: I deleted everything I had stored about this group ({ $messages ->
    [one] { $messages } message
   *[other] { $messages } messages
  }, our conversation and the group's settings).
forget-done-private = Done: I deleted our conversation. I keep nothing else about private chats.
slash-only = Send /help to see what I can do, or just type your question.
cmd-check = Check a claim against the article: /check <claim>
cmd-recap = In groups: what the group said about the event, checked
check-usage = Write the claim after the command, for example: /check { $example } said there are more parties. Or reply to a message with /check.
check-supported = ✅ The article supports this
check-other-speaker = ↔️ The article attributes this to someone else
check-contradicted = ❌ The article says otherwise
check-not-said = ∅ The article does not say this
recap-groups-only = /recap sums up a group's discussion; add me to a group and use it there.
recap-nothing = I have not seen any messages here yet. In groups, Telegram shows a bot only commands, mentions and replies to it, unless the bot is an admin or its privacy mode is off (in @BotFather: /setprivacy → @{ $bot } → Disable; then remove and re-add me).
recap-heading = Recap: { $read } { $read ->
    [one] message
   *[other] messages
  }, { $points } about the event
recap-no-points = Nobody wrote about what the article covers.
recap-unrelated = { $count } other { $count ->
    [one] message was
   *[other] messages were
  } about something else.
recap-supported = the article supports this
recap-other-speaker = the article attributes this to { $name }
recap-narration = the article itself
recap-contradicted = the article says otherwise
recap-not-said = the article does not say this
recap-nothing-new = Nothing new since the last recap.
