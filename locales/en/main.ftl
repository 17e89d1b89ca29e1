# U-STUDY Station — English

app-title = U-STUDY Station
language-name = English

## Lock screen
lock-title = Station locked
lock-station = Station { $station }, seat { $seat }
lock-center-online = Center: connected
lock-center-offline = Center: not connected (answers are kept on this station)
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
checkin-iin-check = This IIN is not valid: its check digit does not match. Check every digit.
checkin-iin-date = This IIN is not valid: its first six digits are not a date of birth.
checkin-not-found = No candidate with this IIN and ticket code is expected at this station.
