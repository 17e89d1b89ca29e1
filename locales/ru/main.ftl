# U-STUDY Station — русский

app-title = U-STUDY Station
language-name = Русский

## Экран блокировки
lock-title = Станция заблокирована
lock-station = Станция { $station }, место { $seat }
lock-center-online = Центр: на связи
lock-center-offline = Центр: нет связи (ответы сохраняются на этой станции)
lock-pin-label = PIN-код наблюдателя
lock-unlock = Разблокировать
lock-demo-pin = Демо-режим. PIN наблюдателя: { $pin }
lock-wrong-pin = { $left ->
    [one] Неверный PIN. До блокировки осталась { $left } попытка.
    [few] Неверный PIN. До блокировки осталось { $left } попытки.
   *[other] Неверный PIN. До блокировки осталось { $left } попыток.
}
lock-locked-out = Слишком много неверных PIN. Повторите через { $seconds ->
    [one] { $seconds } секунду.
    [few] { $seconds } секунды.
   *[other] { $seconds } секунд.
}

## Регистрация
checkin-title = Регистрация
checkin-iin-label = Ваш ИИН (12 цифр)
checkin-ticket-label = Код пропуска
checkin-find = Найти меня
checkin-iin-short = { $missing ->
    [one] Нужна ещё { $missing } цифра.
    [few] Нужно ещё { $missing } цифры.
   *[other] Нужно ещё { $missing } цифр.
}
checkin-iin-digits = ИИН состоит ровно из 12 цифр.
checkin-iin-check = ИИН недействителен: не совпадает контрольная цифра. Проверьте каждую цифру.
checkin-iin-date = ИИН недействителен: первые шесть цифр не являются датой рождения.
checkin-not-found = Кандидат с таким ИИН и кодом пропуска на этой станции не ожидается.
