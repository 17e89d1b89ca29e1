# U-STUDY Station — English

app-title = U-STUDY Station
language-name = English

## Lock screen
lock-title = Station locked
lock-station = Station { $station }, seat { $seat }
lock-center-online = Center: connected
lock-center-offline = Center: not connected (answers are kept on this station)
lock-center-connecting = Center: connecting…
lock-center-unreachable = Center: not reachable (answers are kept on this station and sent when it is back)
lock-sync-waiting = { $count ->
    [0] Every record has reached the center.
    [one] { $count } record waits to be sent to the center.
   *[other] { $count } records wait to be sent to the center.
}
lock-sync-last = Last receipt from the center: { $time }
lock-sync-flagged = The center flagged a session of this station. Tell the center.
lock-sync-refused = The center refuses a session of this station (it is kept here; the others are sent). Tell the center.
lock-pin-label = Proctor PIN
lock-unlock = Unlock
lock-demo-pin = Demo mode. Proctor PIN: { $pin }
lock-wrong-pin = { $left ->
    [one] Wrong PIN. { $left } attempt left before the lock-out.
   *[other] Wrong PIN. { $left } attempts left before the lock-out.
}
lock-locked-out = Too many wrong PINs. Try again in { $seconds ->
    [one] { $seconds } second.
   *[other] { $seconds } seconds.
}

## Check-in
checkin-title = Check-in
checkin-iin-label = Your IIN (12 digits)
checkin-ticket-label = Ticket code
checkin-find = Find me
checkin-iin-short = { $missing ->
    [one] { $missing } more digit needed.
   *[other] { $missing } more digits needed.
}
checkin-iin-digits = An IIN has exactly 12 digits.
checkin-iin-check = This IIN was typed with a mistake: its check digit does not match. Check every digit.
checkin-iin-date = This IIN was typed with a mistake: its first six digits are not a date of birth.
checkin-not-found = No candidate with this IIN and ticket code is expected at this station.
checkin-found-title = Is this you?
checkin-no-package = The test for this candidate is not on this station. Call the proctor.
checkin-minutes = Testing time: { $minutes } minutes
checkin-extra-time = { $minutes ->
    [one] Includes { $minutes } extra minute (accommodation).
   *[other] Includes { $minutes } extra minutes (accommodation).
}
checkin-subjects = Your subjects (profile subjects in bold):
checkin-subject-line = { $subject } — test in { $language }
checkin-pair-ok = My subjects and test language are right
checkin-confirm = This is me — continue
checkin-already-sat = This candidate has already sat the test on this station. A second sitting needs the proctor's permission, which is recorded.
checkin-retake-pin = Proctor PIN for a second sitting
checkin-allow-retake = Allow a second sitting
checkin-retake-wrong = Wrong PIN. The second sitting was not allowed.
checkin-asking = Getting your test from the center…
checkin-retry = Ask the center again
checkin-key-code = Proctor: the key code of this test from the key sheet
checkin-open-with-code = Open the test with the key code
release-error-no-center = This station has no center to get the test from. Call the proctor.
release-error-unreachable = The center cannot be reached. Ask again, or the proctor types the key code from the key sheet.
release-error-invalid = The center's answer could not be checked. Ask again, or the proctor types the key code from the key sheet.
release-refused-roster = The center does not have this candidate on this hall's list. Call the proctor.
release-refused-sat = The center says this candidate's test was already started on a station. Only the center can allow it again.
release-refused-window = The center opens this test only from 30 minutes before its start time. Call the proctor.
release-refused-package = The center does not give this test to this candidate at this station. Call the proctor.
release-refused-other = The center refused to open the test ({ $code }). Call the proctor.
claim-error-unreachable = The center cannot be reached. Try again; if the network stays down, the operator moves the session at the center (ustudy-center move).
claim-refused-ticket = No candidate with this ticket is on this hall's roster. Check the ticket.
claim-refused-no-session = The center holds no session of this candidate: nothing reached it from their station. The operator can let them sit again (ustudy-center reissue).
claim-refused-closed = This candidate's session is closed: they have finished.
claim-refused-moved = This candidate's session was already moved to another station.
claim-refused-same = This candidate's session is on this station already.
claim-refused-reason = The center needs a reason for the move, of at most 500 characters.
claim-refused-other = The center refused to move the session ({ $code }). Call the operator.
claim-error-invalid = The session the center sent could not be checked. Call the operator; nothing was changed here.
claim-error-package = This station does not hold the candidate's test ({ $package }). Fetch the packages, then try again.
claim-error-key = The candidate's test did not open with the key the center sent. Call the operator.
claim-error-busy = This station has a session of its own. Take the candidate to a free station.
keycode-error-format = A key code has 53 letters and digits. Check it against the key sheet.
keycode-error-check = The key code has a typing mistake. Check it against the key sheet.
keycode-error-wrong = This key code does not open the test { $package }. Check that it is the line of this test.

## Subjects and pass marks
subject-history-kz = History of Kazakhstan
subject-math-literacy = Mathematical literacy
subject-reading-literacy = Reading literacy
subject-mathematics = Mathematics
subject-physics = Physics
subject-chemistry = Chemistry
subject-informatics = Informatics
subject-pedagogy = Pedagogy
subject-methodology = Methodology
subject-subject = Subject
pass-general = General
pass-national = National universities
pass-pedagogy = Pedagogy
pass-healthcare = Healthcare
pass-agriculture = Agriculture and veterinary
pass-pass = Pass
pass-teacher = Teacher
pass-moderator = Teacher-moderator
pass-expert = Teacher-expert
pass-researcher = Teacher-researcher
pass-master = Teacher-master

## Phases (recovery summary)
phase-locked = locked
phase-check-in = check-in
phase-briefing = briefing
phase-testing = testing
phase-break = break
phase-paused = pause
phase-stepped-out = step-out
phase-finished = end of testing
phase-review = analysis card
phase-decision = appeal decision
phase-appeal = appeal
phase-appeal-card = appeal card
phase-closed = closed

## Lock screen: recovery
lock-recovered-title = Session recovered after a restart
lock-recovered-where = Stage: { $screen }; { $subject }, task { $n }
lock-recovered-time = Time left: { $time }
lock-recovered-answers = { $count ->
    [one] { $count } answer saved
   *[other] { $count } answers saved
}
lock-recovered-damaged = Part of the journal is damaged: the session continues from the last intact record. Tell the center.
lock-moved-here-title = Session moved here from another station
lock-moved-here-from = It comes from seat { $seat }, with every answer the center received. Check the candidate's identity, then unlock with the PIN.
lock-moved-here-lost = Records written at seat { $seat } that never reached the center: { $lost }. The answers given there last (after the task below) may be missing. Before the candidate goes on, have that station's journal exported and imported at the center, or let the candidate check those tasks.
lock-moved-here-tasks = Answers given last on these tasks may be missing: { $tasks }.
lock-move-failed-title = A session moved here could not be taken over
lock-move-failed-retry = The station asks the center again at each contact. The station can take other candidates meanwhile.
lock-moved-away-title = This session moved to another station
lock-moved-away = The center moved this candidate's session to seat { $seat }; the candidate carries on there. What this station could not send stays on its disk: export the journal for the center (ustudy-station journal export). Unlock with the PIN for the next candidate.
lock-stuck-title = A session on this station cannot go on
lock-stuck-candidate = Candidate: { $name }
lock-stuck-what = Enter the PIN to set it aside: it is kept on this station as evidence for the center, and the station goes on to the next candidate.
lock-set-aside = Set aside and unlock
stuck-not-started = The session was interrupted before the briefing.
stuck-unknown-package = The session's test ({ $package }) is not on this station.
stuck-does-not-replay = The session's journal does not replay to a valid state.
stuck-lost-records = Records this station had saved were lost from its journal (a journal file was removed, cut short or replaced by an older copy). Tell the center: its receipts hold what was sent.

## Briefing
briefing-title = Before you start
briefing-summary = { $tasks } tasks, { $minutes } minutes.
briefing-rule-prohibited = Phones, smart watches, notes, books and talking are prohibited. A violation ends your test.
briefing-rule-saving = Every answer is saved on this station the moment you give it; "Saved" appears under the task.
briefing-rule-breaks = Exercise breaks come at these minutes of testing: { $times }. The tasks are hidden during a break and the clock keeps running.
briefing-rule-no-breaks = This test has no exercise breaks.
briefing-rule-navigation = Start with any subject and change answers until the end. Mark a task to come back to it.
briefing-rule-technical = If a task is broken (text or picture missing), press "Technical problem" on that task and describe it.
briefing-rule-appeal = { $minutes ->
    [one] After the test you see your results and may file a content appeal within { $minutes } minute of the end of testing.
   *[other] After the test you see your results and may file a content appeal within { $minutes } minutes of the end of testing.
}
briefing-rule-keys = Keys: 1–9 or A–H choose an option (with Shift: strike it out), ← → previous/next task, M marks, Delete clears, F6 F7 F8 the calculator and the tables, + − text size, L line reader, T hides the time, Tab moves between buttons.
briefing-start = Start the test

## Testing
task-number = Task { $n }
testing-heading = { $subject } · task { $n } of { $total }
testing-choose-many = Choose one or more answers
testing-matching-hint = Match each item with a letter on the right.
testing-time-left = Time left
testing-warning = { $minutes ->
    [one] Less than { $minutes } minute left
   *[other] Less than { $minutes } minutes left
}
testing-finish = Finish test
testing-prev = ← Previous
testing-next = Next →
testing-mark = Mark for review
testing-unmark = Unmark
testing-clear = Clear answer
testing-technical = Technical problem
testing-technical-title = Describe the technical problem with this task
testing-technical-placeholder = For example: the picture does not show
testing-technical-send = Send to the proctor
testing-technical-withdraw = Withdraw
testing-technical-sent = Technical problem reported: { $reason }
testing-no-answer = No answer yet
testing-saving = Saving…
testing-saved = ✓ Saved
testing-save-failed = Not saved yet — the station keeps trying. Tell the proctor.
testing-legend-answered = answered
testing-legend-open = not answered
testing-legend-marked = marked for review
testing-legend-current = on screen
tool-calculator = Calculator
tool-periodic = Periodic table
tool-solubility = Solubility table
calc-tape = Last results
calc-error-division-by-zero = Cannot divide by zero
calc-error-overflow = The number is too large
calc-error-malformed = The expression is not complete
calc-error-negative-root = No square root of a negative number
periodic-search = Symbol, name or number
periodic-hint = Click an element, or type its symbol, name or number.
periodic-mass = Atomic mass: { $value }
periodic-mass-school = In calculations: { $value }
periodic-electronegativity = Electronegativity: { $value }
periodic-group = Group: { $value }
periodic-period = Period: { $value }
periodic-alkali = alkali metals
periodic-alkaline-earth = alkaline earth metals
periodic-transition = transition metals
periodic-post-transition = other metals
periodic-metalloid = metalloids
periodic-nonmetal = nonmetals
periodic-halogen = halogens
periodic-noble-gas = noble gases
periodic-lanthanide = lanthanides
periodic-actinide = actinides
solubility-letter-soluble = S
solubility-letter-slightly = M
solubility-letter-insoluble = I
solubility-letter-none = —
solubility-soluble = soluble
solubility-slightly = slightly soluble
solubility-insoluble = insoluble
solubility-none = does not exist or decomposes in water
solubility-focused = { $cation } + { $anion } → { $formula }: { $meaning }
solubility-disputed = school tables differ for this substance
aid-contrast = High contrast
aid-reader = Line reader
aid-timer-hide = Hide time
aid-timer-show = Show time
aid-timer-hidden = Time is hidden
dialog-cancel = Cancel
dialog-close = Close

## Finish confirmation
finish-title = Finish the test?
finish-unanswered = { $count ->
    [0] All tasks answered.
    [one] { $count } task not answered: { $tasks }
   *[other] { $count } tasks not answered: { $tasks }
}
finish-marked = { $count ->
    [one] { $count } task marked for review: { $tasks }
   *[other] { $count } tasks marked for review: { $tasks }
}
finish-warning = After finishing you cannot change your answers.
finish-cancel = Back to the test
finish-confirm = Yes, finish

## Break, pause, step-out
break-title = Exercise break
break-hidden = The tasks are hidden. They come back by themselves when the break ends.
break-main-clock = Test time left (the clock keeps running):
break-exercise-eyes = Look out of the window or at a far wall for 20 seconds, then close your eyes.
break-exercise-neck = Turn your head slowly left and right, five times.
break-exercise-shoulders = Raise your shoulders, hold, and drop them. Repeat ten times.
break-exercise-breath = Breathe in for four counts and out for six, five times.
paused-title = The test is paused
paused-body = The proctor has paused the test. The clock is stopped.
paused-main-clock = Test time left (the clock is stopped):
stepped-out-title = You have stepped out
stepped-out-body = The clock keeps running. The proctor brings you back to the test.

## After the test
finished-title = Testing has ended
finished-body = You finished the test. All your answers are saved.
finished-time-up = Time is up. All your answers are saved.
finished-answered = { $count ->
    [one] { $count } answer given.
   *[other] { $count } answers given.
}
finished-to-card = See my results
review-title = Analysis card
review-total = Total: { $points } of { $max }
review-minimum-met = minimum { $minimum }: met
review-minimum-missed = minimum { $minimum }: not met
review-pass-met = { $points ->
    [one] { $mark }: { $points } point — reached
   *[other] { $mark }: { $points } points — reached
}
review-pass-missed = { $points ->
    [one] { $mark }: { $points } point — not reached
   *[other] { $mark }: { $points } points — not reached
}
review-col-task = Task
review-col-answer = Your answer
review-col-points = Points
review-countdown = The card stays for { $time }
review-continue = Continue
decision-title = Appeal or finish
decision-body = You may appeal tasks you believe are wrong, or finish now.
decision-appeal-left = Appeals are accepted for { $time } more.
decision-appeal = Go to appeal
decision-finish = Finish without appeal
decision-countdown = The program closes by itself in { $time }.
appeal-title = Appeal
appeal-count = { $count ->
    [one] { $count } task appealed
   *[other] { $count } tasks appealed
}
appeal-deadline = Time to appeal: { $time }
appeal-finish = Finish appeal
appeal-ground = Ground
appeal-justification = Your justification
appeal-placeholder = Explain why the task or its key is wrong
appeal-save = Save appeal on this task
appeal-withdraw = Withdraw
appeal-status-filed = This task is appealed.
appeal-status-none = This task is not appealed.
appeal-confirm-body = { $count ->
    [0] You have not appealed any task. Finish the appeal anyway?
    [one] You appealed { $count } task. After finishing it cannot be changed.
   *[other] You appealed { $count } tasks. After finishing they cannot be changed.
}
appeal-confirm = Yes, finish appeal
appeal-cancel = Back to the appeal
ground-no-correct = No correct option
ground-several-correct = More than one correct option
ground-error = Error in the task
ground-missing = Part of the task is missing
appeal-card-title = Appeal application received
appeal-card-receipt = Receipt number: { $receipt }
appeal-card-answer = Your answer: { $answer }
appeal-card-none = No tasks were appealed.
appeal-card-countdown = The program closes by itself in { $time }.
appeal-card-done = Done
closed-title = Thank you!
closed-body = Your session is over. Please leave the station as it is.
closed-saved = Everything is saved.
closed-saving = Saving the last records…
journal-failed = The station could not save to its journal. { $error } Call the proctor.
journal-error-station-key = The station key is missing or does not open this journal. Restore station.key from the station's backup.
journal-error-damaged = The journal is damaged.
journal-error-lost = Records were lost from the end of the journal.
journal-error-schema = The journal was made by another version of the program.
journal-error-missing = The journal or the session was not found.
journal-error-write = The journal could not be written or read.
package-error-unreadable = The test package cannot be read.
package-error-invalid = The test package's content is not valid.
package-error-not-package = This file is not a test package, or it is incomplete.
package-error-version = This package is for another version of the program (format version { $version }).
package-error-untrusted = The package is not signed with this center's key.
package-error-signature = The package signature does not verify: the file was altered or damaged.
package-error-decrypt = The package cannot be decrypted: wrong key or damaged data.
boot-error-data-dir = The station's data folder ({ $dir }) cannot be created.
boot-error-no-pin = No proctor PIN is set on this station. Set one with ustudy-station set-pin.
boot-error-roster = The hall's roster is missing or was not signed by this station's center. Fetch it again with ustudy-station fetch.
boot-error-no-packages = No test package is kept on this station. Fetch them with ustudy-station fetch.
boot-error-keys = The station's keys or its center's keys are damaged. Enroll the station again.
text-length = { $count } / { $max } characters
text-too-long = Too long: { $count } of at most { $max } characters. Shorten it to save; nothing is lost meanwhile.

## The proctor: the held station, the admin screen, the ledger, the incident log
lock-open-admin = Proctor menu
held-title = The test is hidden
held-focus-lost = The exam window lost focus: the tasks are hidden until a proctor opens the station.
held-display = Another display appeared: the tasks are hidden until a proctor opens the station.
held-proctor = A proctor asked for the admin screen.
held-clock = The test clock keeps running unless the proctor pauses it. Time the candidate lost through no fault of their own can be given back.
held-challenge = No PIN? Ask the center for a one-time code for this challenge:
admin-title = Proctor — admin
admin-by-pin = Opened with the proctor PIN
admin-by-code = Opened with a one-time code from the center
admin-session = { $name } · { $phase } · time left { $time }
admin-reason = Reason (kept in the journal with the action)
admin-reason-hint = e.g. the mouse stopped working
admin-minutes = Minutes to add
admin-minutes-hint = 1–240
admin-act-pause = Pause (clock stops)
admin-act-resume = Resume
admin-act-step-out = Step out (clock runs)
admin-act-return = Candidate is back
admin-act-add-time = Add the minutes
admin-act-give-back = Give back { $time }
admin-act-end-test = End the test
admin-act-end-violation = End for a violation
admin-confirm-end-test = End this candidate's test now? The analysis card is shown as usual.
admin-confirm-end-violation = End this candidate's test for a violation? There is no analysis card and no appeal.
admin-confirm-close-day = Close the station for the day? The program ends.
admin-yes = Yes
admin-no = No
admin-next = Next candidate: check-in
admin-close-day = Close the station for the day
admin-claim-title = Take over a candidate whose station failed
admin-claim-ticket = The candidate's ticket
admin-claim-ticket-hint = Ticket, as printed
admin-claim = Take over their session here
admin-claim-asking = Asking the center…
admin-claim-incomplete = Type the candidate's ticket and why their session moves here.
admin-lock = Lock the station
admin-back = Back to the test
admin-back-technical = Back to the test: a technical fault (the time is owed)
admin-back-candidate = Back to the test: the candidate's doing
admin-center = Center
admin-health = Station
admin-health-unsaved = { $count ->
    [0] Every event is saved on this station.
    [one] { $count } event is waiting to be saved.
   *[other] { $count } events are waiting to be saved.
}
admin-health-failing = Saving to the journal is failing. Call the technician.
admin-minutes-bad = Type the minutes to add: a whole number from 1 to { $max }.
admin-needs-reason = Type the reason first: it is kept with the action.
admin-nothing-due = No lost time is owed to this candidate.
admin-not-now = This cannot be done now.
ledger-title = Time lost
ledger-downtime = Station down
ledger-paused = Pause
ledger-focus-lost = Focus lost
ledger-display = Another display
ledger-proctor = Admin screen
ledger-line-free = { $cause }: { $lasted } (not charged)
ledger-open = going on
ledger-owed = owed
ledger-not-owed = candidate's doing
ledger-line = { $cause }: { $lasted } (charged { $charged }, { $owed })
ledger-empty = Nothing lost.
ledger-sums = Lost { $lost } · given back { $given } · still owed { $due }
incident-title = Incidents (latest first, at testing time)
incident-focus-lost = The window lost focus
incident-close-requested = Someone tried to close the window
incident-step-out-overdue = The step-out passed its limit
incident-downtime = The station was down for { $time }
incident-save-failed = Saving failed
incident-wrong-pin = A wrong PIN or code
incident-moved-from = Moved here from seat { $seat }{ $lost ->
    [0] {""}
    [one] ; { $lost } record of the old station did not reach the center
   *[other] ; { $lost } records of the old station did not reach the center
}
incident-moved = Moved here from another station
incident-none = No incidents.
interlude-proctor = Proctor
finished-violation = A proctor ended the test for a violation. Your answers are saved.
review-time-used = Testing time used: { $used }
review-time-lost = Testing time used: { $used } · lost through no fault of yours: { $lost } · given back: { $given }

## The readiness check (ustudy-station check, and at start)
preflight-title = Readiness check
preflight-data-dir = The data directory { $dir } is writable.
preflight-not-writable = The data directory { $dir } cannot be written. Call the technician.
preflight-network = The data directory is on a network disk ({ $fs }). The journal must be on a local disk.
preflight-free = { $mb } MB free on the data disk.
preflight-low-free = Only { $mb } MB free on the data disk.
preflight-free-unknown = The free space on the data disk could not be read.
preflight-journal = The journal opens durably (WAL, full sync).
preflight-journal-failed = The journal cannot be opened durably. Call the technician.
preflight-clock = The station's clock runs.
preflight-clock-broken = The station's clock does not run as it should. Call the technician.
preflight-display = The display is { $size }.
preflight-small-display = The display is { $size }: the screens are made for 1280×720 or more; the test works, with less room.
preflight-several-displays = { $count } displays are connected: disconnect all but one.
preflight-no-display = No display could be found.
preflight-center = The center answers, with its pinned certificate.
preflight-no-center = Demo station: no center; answers are kept on this station.
preflight-center-failed = The center does not answer, or its certificate is not the pinned one.
preflight-machine = A physical machine, used locally.
preflight-virtual = This is a virtual machine ({ $what }).
preflight-remote = This is a remote session ({ $what }).
preflight-level-warn = Warning
preflight-level-fail = Fails
admin-act-zoom = Zoom: { $state }
admin-act-contrast = High contrast: { $state }
admin-on = on
admin-off = off

## The center's hall dashboard (served by ustudy-center serve).
hall-login-title = Operator login
hall-login-name = Operator name
hall-login-password = Password
hall-login-submit = Log in
hall-login-wrong = Wrong name or password.
hall-login-stale = This form has expired. Please log in again.
hall-login-bad-form = The form was incomplete. Please fill in both fields.
hall-login-busy = Too many logins at once. Wait a moment and try again.
hall-logout = Log out
hall-list-title = Halls
hall-list-empty = No station is enrolled at this center yet.
hall-name = Hall { $hall }
hall-seat = Seat { $seat }
hall-alerts = Alerts
hall-alerts-none = No alerts.
hall-updated = Updated at
hall-alert-silent = Silent for over 30 s
hall-alert-lag = Answers waiting at the station
hall-alert-card = The analysis card differs from the center's score
hall-badge-card = Card differs
hall-badge-readiness = Readiness: { $items }
hall-item-data-dir = data directory
hall-item-free-space = free space
hall-item-journal = journal
hall-item-clock = clock
hall-item-display = display
hall-item-center = center link
hall-item-machine = machine
hall-alert-flag = Flagged
hall-answered = { $answered }/{ $tasks } answered
hall-contact = heard { $seconds } s ago
hall-waiting = { $events } waiting, { $seconds } s
hall-badge-long-step-out = Out over 10 min
hall-badge-incident-focus-lost = Focus lost
hall-badge-incident-close-requested = Close attempts
hall-badge-incident-step-out-overdue = Step-out overdue
hall-badge-incident-downtime = Downtime
hall-badge-incident-save-failed = Save failed
hall-badge-incident-wrong-pin = Wrong PIN
hall-badge-incident-moved = Moved here
hall-receipts = Receipts
hall-receipts-line = The center holds { $held } records; the station had written { $head } at its last batch.
hall-result = Result (scored by the center)
hall-timeline = Timeline
hall-ledger = Time-loss ledger
hall-ledger-none = No time lost.
hall-loss-downtime = Station down
hall-loss-paused = Paused by a proctor
hall-loss-held = Station held
hall-loss-charged = { $time } charged to the clock
hall-given-back = Given back: { $time }
hall-moment-checked-in = Checked in
hall-moment-started = Testing started
hall-moment-break-started = Break started
hall-moment-break-ended = Break ended
hall-moment-paused = Paused
hall-moment-resumed = Resumed
hall-moment-stepped-out = Stepped out
hall-moment-returned = Came back
hall-moment-time-added = Time added: { $time }
hall-moment-finished = Testing finished
hall-moment-appeal-opened = Appeal opened
hall-moment-appeal-finished = Appeal filed
hall-moment-closed = Session closed
hall-moment-held = Station held over the tasks
hall-moment-proctor = Proctor: { $action }
hall-proctor-release = released the station
hall-proctor-recovered = recovered the session
hall-proctor-pause = paused the test
hall-proctor-resume = resumed the test
hall-proctor-step-out = let the candidate step out
hall-proctor-return = the candidate came back
hall-proctor-add-time = added time
hall-proctor-give-back = gave back lost time
hall-proctor-end-test = ended the test
hall-proctor-end-violation = ended the test for a violation
hall-proctor-accommodate = changed the accommodations
hall-phase-no-station = no station
hall-phase-waiting = no session yet
hall-phase-quarantined = quarantined
hall-phase-unreadable = cannot be read here
hall-error-store = The center could not read its records. Try again; if it persists, see the center's log.
hall-error-no-hall = There is no such hall at this center.
hall-error-no-seat = There is no such seat in this hall.
