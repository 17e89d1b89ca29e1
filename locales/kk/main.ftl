# U-STUDY Station — қазақша

app-title = U-STUDY Station
language-name = Қазақша

## Құлыптау экраны
lock-title = Станция құлыпталған
lock-station = Станция { $station }, орын { $seat }
lock-center-online = Орталық: байланыс бар
lock-center-offline = Орталық: байланыс жоқ (жауаптар осы станцияда сақталады)
lock-pin-label = Бақылаушының PIN коды
lock-unlock = Құлыпты ашу
lock-demo-pin = Демо режимі. Бақылаушы PIN коды: { $pin }
lock-wrong-pin = { $left ->
   *[other] PIN қате. Бұғаттауға дейін { $left } әрекет қалды.
}
lock-locked-out = Қате PIN тым көп енгізілді. { $seconds ->
   *[other] { $seconds } секундтан кейін қайталаңыз.
}

## Тіркеу
checkin-title = Тіркеу
checkin-iin-label = Сіздің ЖСН (12 цифр)
checkin-ticket-label = Рұқсатнама коды
checkin-find = Мені табу
checkin-iin-short = { $missing ->
   *[other] Тағы { $missing } цифр қажет.
}
checkin-iin-digits = ЖСН дәл 12 цифрдан тұрады.
checkin-iin-check = ЖСН жарамсыз: бақылау цифры сәйкес келмейді. Әр цифрды тексеріңіз.
checkin-iin-date = ЖСН жарамсыз: алғашқы алты цифр туған күн емес.
checkin-not-found = Бұл ЖСН мен рұқсатнама кодымен үміткер осы станцияда күтілмейді.
