# U-STUDY Station — русский

app-title = U-STUDY Station
language-name = Русский

## Экран блокировки
lock-title = Станция заблокирована
lock-station = Станция { $station }, место { $seat }
lock-center-online = Центр: на связи
lock-center-offline = Центр: нет связи (ответы сохраняются на этой станции)
lock-center-connecting = Центр: подключение…
lock-center-unreachable = Центр: недоступен (ответы сохраняются на этой станции и будут отправлены, когда связь вернётся)
lock-sync-waiting = { $count ->
    [0] Все записи доставлены в центр.
    [one] { $count } запись ждёт отправки в центр.
    [few] { $count } записи ждут отправки в центр.
    [many] { $count } записей ждут отправки в центр.
   *[other] { $count } записей ждут отправки в центр.
}
lock-sync-last = Последняя квитанция центра: { $time }
lock-sync-flagged = Центр отметил сеанс этой станции. Сообщите в центр.
lock-sync-refused = Центр не принимает сеанс этой станции (он сохранён здесь, остальные отправляются). Сообщите в центр.
lock-pin-label = PIN-код администратора
lock-unlock = Разблокировать
lock-demo-pin = Демо-режим. PIN администратора: { $pin }
lock-wrong-pin = { $left ->
    [one] Неверный PIN. До блокировки осталась { $left } попытка.
    [few] Неверный PIN. До блокировки осталось { $left } попытки.
    [many] Неверный PIN. До блокировки осталось { $left } попыток.
   *[other] Неверный PIN. До блокировки осталось { $left } попыток.
}
lock-locked-out = Слишком много неверных PIN. Повторите через { $seconds ->
    [one] { $seconds } секунду.
    [few] { $seconds } секунды.
    [many] { $seconds } секунд.
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
    [many] Нужно ещё { $missing } цифр.
   *[other] Нужно ещё { $missing } цифр.
}
checkin-iin-digits = ИИН состоит ровно из 12 цифр.
checkin-iin-check = ИИН набран с ошибкой: не совпадает контрольная цифра. Проверьте каждую цифру.
checkin-iin-date = ИИН набран с ошибкой: первые шесть цифр не являются датой рождения.
checkin-not-found = Кандидат с таким ИИН и кодом пропуска на этой станции не ожидается.
checkin-found-title = Это вы?
checkin-no-package = Теста для этого кандидата нет на этой станции. Позовите администратора.
checkin-minutes = Время тестирования: { $minutes } мин.
checkin-extra-time = { $minutes ->
    [one] Включая { $minutes } дополнительную минуту (особые условия).
    [few] Включая { $minutes } дополнительные минуты (особые условия).
    [many] Включая { $minutes } дополнительных минут (особые условия).
   *[other] Включая { $minutes } дополнительной минуты (особые условия).
}
checkin-subjects = Ваши предметы (профильные выделены):
checkin-subject-line = { $subject } — тест на языке: { $language }
checkin-pair-ok = Мои предметы и язык теста указаны верно
checkin-confirm = Это я — продолжить
checkin-already-sat = Этот участник уже проходил тестирование на этой станции. Повторная попытка возможна только с разрешения администратора, и оно записывается.
checkin-retake-pin = PIN-код администратора для повторной попытки
checkin-allow-retake = Разрешить повторную попытку
checkin-retake-wrong = Неверный PIN-код. Повторная попытка не разрешена.
checkin-asking = Получаем ваш тест из центра…
checkin-retry = Запросить центр ещё раз
checkin-key-code = Для администратора: код ключа этого теста из листа ключей
checkin-open-with-code = Открыть тест по коду ключа
release-error-no-center = У этой станции нет центра, из которого можно получить тест. Позовите администратора.
release-error-unreachable = Центр недоступен. Запросите ещё раз или попросите администратора ввести код ключа из листа ключей.
release-error-invalid = Ответ центра не удалось проверить. Запросите ещё раз или попросите администратора ввести код ключа из листа ключей.
release-refused-roster = В списке центра этого кандидата нет в этой аудитории. Позовите администратора.
release-refused-sat = По данным центра, тест этого кандидата уже был начат на одной из станций. Разрешить его снова может только центр.
release-refused-window = Центр открывает этот тест не раньше чем за 30 минут до начала. Позовите администратора.
release-refused-package = Центр не выдаёт этот тест этому кандидату на этой станции. Позовите администратора.
release-refused-other = Центр отказался открыть тест ({ $code }). Позовите администратора.
claim-error-unreachable = Центр недоступен. Попробуйте ещё раз; если сеть не вернётся, оператор переносит сеанс в центре (ustudy-center move).
claim-refused-ticket = Кандидата с таким пропуском нет в списке этого зала. Проверьте пропуск.
claim-refused-no-session = У центра нет сеанса этого кандидата: с его станции ничего не поступило. Оператор может разрешить повторную сдачу (ustudy-center reissue).
claim-refused-closed = Сеанс этого кандидата закрыт: он уже закончил.
claim-refused-moved = Сеанс этого кандидата уже перенесён на другую станцию.
claim-refused-same = Сеанс этого кандидата уже на этой станции.
claim-refused-reason = Центру нужна причина переноса, не длиннее 500 символов.
claim-refused-other = Центр отказался перенести сеанс ({ $code }). Позовите оператора.
claim-error-invalid = Сеанс, присланный центром, не прошёл проверку. Позовите оператора; здесь ничего не изменено.
claim-error-package = На этой станции нет теста кандидата ({ $package }). Загрузите пакеты и попробуйте ещё раз.
claim-error-key = Тест кандидата не открылся ключом, присланным центром. Позовите оператора.
claim-error-busy = На этой станции идёт свой сеанс. Проводите кандидата к свободной станции.
keycode-error-format = Код ключа состоит из 53 букв и цифр. Сверьте его с листом ключей.
keycode-error-check = В коде ключа опечатка. Сверьте его с листом ключей.
keycode-error-wrong = Этот код ключа не открывает тест { $package }. Проверьте, что это строка этого теста.

## Предметы и пороги
subject-history-kz = История Казахстана
subject-math-literacy = Математическая грамотность
subject-reading-literacy = Грамотность чтения
subject-mathematics = Математика
subject-physics = Физика
subject-chemistry = Химия
subject-informatics = Информатика
subject-pedagogy = Педагогика
subject-methodology = Методика
subject-subject = Предмет
pass-general = Общий порог
pass-national = Национальные вузы
pass-pedagogy = Педагогика
pass-healthcare = Здравоохранение
pass-agriculture = Сельское хозяйство и ветеринария
pass-pass = Порог
pass-teacher = Педагог
pass-moderator = Педагог-модератор
pass-expert = Педагог-эксперт
pass-researcher = Педагог-исследователь
pass-master = Педагог-мастер

## Этапы (для восстановления)
phase-locked = блокировка
phase-check-in = регистрация
phase-briefing = инструктаж
phase-testing = тестирование
phase-break = перерыв
phase-paused = пауза
phase-stepped-out = выход из аудитории
phase-finished = завершение тестирования
phase-review = карта анализа результатов
phase-decision = выбор апелляции
phase-appeal = апелляция
phase-appeal-card = карточка апелляции
phase-closed = завершено

## Экран блокировки: восстановление
lock-recovered-title = Сеанс восстановлен после перезапуска
lock-recovered-where = Этап: { $screen }; { $subject }, задание { $n }
lock-recovered-time = Осталось времени: { $time }
lock-recovered-answers = { $count ->
    [one] Сохранён { $count } ответ
    [few] Сохранено { $count } ответа
    [many] Сохранено { $count } ответов
   *[other] Сохранено { $count } ответов
}
lock-recovered-damaged = Часть журнала повреждена: сеанс продолжается с последней целой записи. Сообщите в центр.
lock-moved-here-title = Сеанс перенесён сюда с другой станции
lock-moved-here-from = Он пришёл с места { $seat } со всеми ответами, полученными центром. Проверьте личность кандидата и разблокируйте PIN-кодом.
lock-moved-here-lost = Записей, сделанных на месте { $seat } и не дошедших до центра: { $lost }. Последние ответы, данные там (после задания ниже), могут отсутствовать. Прежде чем кандидат продолжит, выгрузите журнал той станции и импортируйте его в центре или дайте кандидату проверить эти задания.
lock-moved-here-tasks = Последние ответы на эти задания могут отсутствовать: { $tasks }.
lock-move-failed-title = Перенесённый сюда сеанс не удалось принять
lock-move-failed-retry = Станция снова запрашивает центр при каждой связи. Тем временем станция может принимать других кандидатов.
lock-moved-away-title = Этот сеанс перенесён на другую станцию
lock-moved-away = Центр перенёс сеанс этого кандидата на место { $seat }; кандидат продолжает там. То, что станция не успела отправить, осталось на её диске: выгрузите журнал для центра (ustudy-station journal export). Разблокируйте PIN-кодом для следующего кандидата.
lock-stuck-title = Сеанс на этой станции не может продолжиться
lock-stuck-candidate = Участник: { $name }
lock-stuck-what = Введите PIN-код, чтобы отложить его: он сохранится на станции как доказательство для центра, а станция перейдёт к следующему участнику.
lock-set-aside = Отложить и разблокировать
stuck-not-started = Сеанс прервался до инструктажа.
stuck-unknown-package = Теста этого сеанса ({ $package }) нет на этой станции.
stuck-does-not-replay = Журнал сеанса не воспроизводится в допустимое состояние.
stuck-lost-records = Из журнала станции пропали сохранённые записи (файл журнала удалён, обрезан или заменён старой копией). Сообщите в центр: его квитанции хранят то, что было отправлено.

## Инструктаж
briefing-title = Перед началом
briefing-summary = Заданий: { $tasks }, время: { $minutes } мин.
briefing-rule-prohibited = Запрещены телефоны, смарт-часы, шпаргалки, книги и разговоры. Нарушение прекращает тестирование.
briefing-rule-saving = Каждый ответ сохраняется на станции сразу; под заданием появляется «Сохранено».
briefing-rule-breaks = Перерывы на разминку будут на следующих минутах тестирования: { $times }. Во время перерыва задания скрыты, а время идёт.
briefing-rule-no-breaks = В этом тесте нет перерывов на разминку.
briefing-rule-navigation = Начинайте с любого предмета и меняйте ответы до конца теста. Отметьте задание, чтобы вернуться к нему.
briefing-rule-technical = Если задание повреждено (нет текста или рисунка), нажмите «Техническая проблема» и опишите её.
briefing-rule-appeal = { $minutes ->
    [one] После теста вы увидите результаты и сможете подать апелляцию по содержанию в течение { $minutes } минуты после окончания тестирования.
    [few] После теста вы увидите результаты и сможете подать апелляцию по содержанию в течение { $minutes } минут после окончания тестирования.
    [many] После теста вы увидите результаты и сможете подать апелляцию по содержанию в течение { $minutes } минут после окончания тестирования.
   *[other] После теста вы увидите результаты и сможете подать апелляцию по содержанию в течение { $minutes } минуты после окончания тестирования.
}
briefing-rule-keys = Клавиши: 1–9 или A–H — выбор варианта (с Shift — вычеркнуть), ← → — предыдущее/следующее задание, M — отметка, Delete — очистить, F6 F7 F8 — калькулятор и таблицы, + − — размер текста, L — линейка, T — скрыть время, Tab — переход между кнопками.
briefing-start = Начать тест

## Тестирование
task-number = Задание { $n }
testing-heading = { $subject } · задание { $n } из { $total }
testing-choose-many = Выберите один или несколько ответов
testing-matching-hint = Сопоставьте каждый пункт с буквой справа.
testing-time-left = Осталось
testing-warning = { $minutes ->
    [one] Осталось меньше { $minutes } минуты
    [few] Осталось меньше { $minutes } минут
    [many] Осталось меньше { $minutes } минут
   *[other] Осталось меньше { $minutes } минут
}
testing-finish = Завершить тест
testing-prev = ← Назад
testing-next = Далее →
testing-mark = Отметить
testing-unmark = Снять отметку
testing-clear = Очистить ответ
testing-technical = Техническая проблема
testing-technical-title = Опишите техническую проблему этого задания
testing-technical-placeholder = Например: не отображается рисунок
testing-technical-send = Отправить администратору
testing-technical-withdraw = Отозвать
testing-technical-sent = Сообщено о технической проблеме: { $reason }
testing-no-answer = Ответа пока нет
testing-saving = Сохранение…
testing-saved = ✓ Сохранено
testing-save-failed = Ещё не сохранено — станция повторяет попытки. Сообщите администратору.
testing-legend-answered = есть ответ
testing-legend-open = нет ответа
testing-legend-marked = отмечено
testing-legend-current = на экране
tool-calculator = Калькулятор
tool-periodic = Таблица Менделеева
tool-solubility = Таблица растворимости
calc-tape = Последние результаты
calc-error-division-by-zero = На ноль делить нельзя
calc-error-overflow = Слишком большое число
calc-error-malformed = Выражение не закончено
calc-error-negative-root = Корня из отрицательного числа нет
periodic-search = Символ, название или номер
periodic-hint = Нажмите на элемент или введите его символ, название или номер.
periodic-mass = Атомная масса: { $value }
periodic-mass-school = В расчётах: { $value }
periodic-electronegativity = Электроотрицательность: { $value }
periodic-group = Группа: { $value }
periodic-period = Период: { $value }
periodic-alkali = щелочные металлы
periodic-alkaline-earth = щелочноземельные металлы
periodic-transition = переходные металлы
periodic-post-transition = другие металлы
periodic-metalloid = полуметаллы
periodic-nonmetal = неметаллы
periodic-halogen = галогены
periodic-noble-gas = благородные газы
periodic-lanthanide = лантаноиды
periodic-actinide = актиноиды
solubility-letter-soluble = Р
solubility-letter-slightly = М
solubility-letter-insoluble = Н
solubility-letter-none = —
solubility-soluble = растворимо
solubility-slightly = малорастворимо
solubility-insoluble = нерастворимо
solubility-none = не существует или разлагается водой
solubility-focused = { $cation } + { $anion } → { $formula }: { $meaning }
solubility-disputed = в школьных таблицах для этого вещества есть расхождения
aid-contrast = Высокий контраст
aid-reader = Линейка
aid-timer-hide = Скрыть время
aid-timer-show = Показать время
aid-timer-hidden = Время скрыто
dialog-cancel = Отмена
dialog-close = Закрыть

## Подтверждение завершения
finish-title = Завершить тест?
finish-unanswered = { $count ->
    [0] На все задания есть ответы.
    [one] Без ответа { $count } задание: { $tasks }
    [few] Без ответа { $count } задания: { $tasks }
    [many] Без ответа { $count } заданий: { $tasks }
   *[other] Без ответа { $count } заданий: { $tasks }
}
finish-marked = { $count ->
    [one] Отмечено { $count } задание: { $tasks }
    [few] Отмечено { $count } задания: { $tasks }
    [many] Отмечено { $count } заданий: { $tasks }
   *[other] Отмечено { $count } заданий: { $tasks }
}
finish-warning = После завершения ответы изменить нельзя.
finish-cancel = Вернуться к тесту
finish-confirm = Да, завершить

## Перерыв, пауза, выход
break-title = Перерыв на разминку
break-hidden = Задания скрыты. Они вернутся сами, когда перерыв закончится.
break-main-clock = Осталось времени теста (время идёт):
break-exercise-eyes = Посмотрите в окно или на дальнюю стену 20 секунд, затем закройте глаза.
break-exercise-neck = Медленно поверните голову влево и вправо, пять раз.
break-exercise-shoulders = Поднимите плечи, задержите и опустите. Десять раз.
break-exercise-breath = Вдох на четыре счёта, выдох на шесть, пять раз.
paused-title = Тест приостановлен
paused-body = Администратор приостановил тест. Время остановлено.
paused-main-clock = Осталось времени теста (время остановлено):
stepped-out-title = Вы вышли из аудитории
stepped-out-body = Время идёт. Администратор вернёт вас к тесту.

## После теста
finished-title = Тестирование окончено
finished-body = Вы завершили тест. Все ответы сохранены.
finished-time-up = Время вышло. Все ответы сохранены.
finished-answered = { $count ->
    [one] Дан { $count } ответ.
    [few] Дано { $count } ответа.
    [many] Дано { $count } ответов.
   *[other] Дано { $count } ответов.
}
finished-to-card = Посмотреть результаты
review-title = Карта анализа результатов
review-total = Итого: { $points } из { $max }
review-minimum-met = порог { $minimum }: пройден
review-minimum-missed = порог { $minimum }: не пройден
review-pass-met = { $points ->
    [one] { $mark }: { $points } балл — достигнут
    [few] { $mark }: { $points } балла — достигнут
    [many] { $mark }: { $points } баллов — достигнут
   *[other] { $mark }: { $points } балла — достигнут
}
review-pass-missed = { $points ->
    [one] { $mark }: { $points } балл — не достигнут
    [few] { $mark }: { $points } балла — не достигнут
    [many] { $mark }: { $points } баллов — не достигнут
   *[other] { $mark }: { $points } балла — не достигнут
}
review-col-task = Задание
review-col-answer = Ваш ответ
review-col-points = Баллы
review-countdown = Карта анализа показывается ещё { $time }
review-continue = Продолжить
decision-title = Апелляция или завершение
decision-body = Вы можете подать апелляцию на задания, которые считаете неверными, или завершить сейчас.
decision-appeal-left = Апелляции принимаются ещё { $time }.
decision-appeal = Перейти к апелляции
decision-finish = Завершить без апелляции
decision-countdown = Программа закроется сама через { $time }.
appeal-title = Апелляция
appeal-count = { $count ->
    [one] Обжаловано { $count } задание
    [few] Обжаловано { $count } задания
    [many] Обжаловано { $count } заданий
   *[other] Обжаловано { $count } заданий
}
appeal-deadline = Время на апелляцию: { $time }
appeal-finish = Завершить апелляцию
appeal-ground = Основание
appeal-justification = Ваше обоснование
appeal-placeholder = Объясните, почему задание или ключ неверны
appeal-save = Сохранить апелляцию по заданию
appeal-withdraw = Отозвать
appeal-status-filed = По этому заданию подана апелляция.
appeal-status-none = По этому заданию апелляции нет.
appeal-confirm-body = { $count ->
    [0] Вы не обжаловали ни одного задания. Всё равно завершить апелляцию?
    [one] Вы обжаловали { $count } задание. После завершения изменить нельзя.
    [few] Вы обжаловали { $count } задания. После завершения изменить нельзя.
    [many] Вы обжаловали { $count } заданий. После завершения изменить нельзя.
   *[other] Вы обжаловали { $count } заданий. После завершения изменить нельзя.
}
appeal-confirm = Да, завершить апелляцию
appeal-cancel = Вернуться к апелляции
ground-no-correct = Нет правильного варианта
ground-several-correct = Более одного правильного варианта
ground-error = Ошибка в задании
ground-missing = Отсутствует часть задания
appeal-card-title = Заявление на апелляцию принято
appeal-card-receipt = Номер квитанции: { $receipt }
appeal-card-answer = Ваш ответ: { $answer }
appeal-card-none = Задания не обжалованы.
appeal-card-countdown = Программа закроется сама через { $time }.
appeal-card-done = Готово
closed-title = Спасибо!
closed-body = Ваш сеанс окончен. Оставьте станцию как есть.
closed-saved = Всё сохранено.
closed-saving = Сохраняются последние записи…
journal-failed = Станция не смогла записать в журнал. { $error } Позовите администратора.
journal-error-station-key = Ключ станции отсутствует или не открывает этот журнал. Восстановите station.key из резервной копии станции.
journal-error-damaged = Журнал повреждён.
journal-error-lost = Из конца журнала пропали записи.
journal-error-schema = Журнал создан другой версией программы.
journal-error-missing = Журнал или сеанс не найден.
journal-error-write = Не удалось записать или прочитать журнал.
package-error-unreadable = Не удаётся прочитать тестовый пакет.
package-error-invalid = Содержимое тестового пакета некорректно.
package-error-not-package = Этот файл не является тестовым пакетом или он неполный.
package-error-version = Пакет предназначен для другой версии программы (версия формата { $version }).
package-error-untrusted = Пакет подписан не ключом этого центра.
package-error-signature = Подпись пакета не подтверждается: файл изменён или повреждён.
package-error-decrypt = Не удаётся расшифровать пакет: неверный ключ или повреждённые данные.
boot-error-data-dir = Не удаётся создать папку данных станции ({ $dir }).
boot-error-no-pin = На этой станции не задан PIN-код администратора. Задайте его командой ustudy-station set-pin.
boot-error-roster = Список аудитории отсутствует или не подписан центром этой станции. Получите его заново командой ustudy-station fetch.
boot-error-no-packages = На этой станции нет ни одного тестового пакета. Получите их командой ustudy-station fetch.
boot-error-keys = Ключи станции или её центра повреждены. Зарегистрируйте станцию заново.
text-length = { $count } / { $max } симв.
text-too-long = Слишком длинно: { $count } симв., допускается не больше { $max }. Сократите текст, чтобы сохранить; пока ничего не потеряно.

## Администратор: удержанная станция, меню администратора, учёт потерянного времени, журнал происшествий
lock-open-admin = Меню администратора
held-title = Задания скрыты
held-focus-lost = Окно теста потеряло фокус: задания скрыты, пока администратор не откроет станцию.
held-display = Подключён ещё один экран: задания скрыты, пока администратор не откроет станцию.
held-proctor = Открыто меню администратора.
held-clock = Время теста идёт, если администратор не поставит паузу. Время, потерянное не по вине участника, можно вернуть.
held-challenge = Нет PIN-кода? Попросите в центре одноразовый код для этого запроса:
admin-title = Меню администратора
admin-by-pin = Открыто PIN-кодом администратора
admin-by-code = Открыто одноразовым кодом центра
admin-session = { $name } · { $phase } · осталось { $time }
admin-reason = Причина (сохраняется в журнале вместе с действием)
admin-reason-hint = например, перестала работать мышь
admin-minutes = Сколько минут добавить
admin-minutes-hint = 1–240
admin-act-pause = Пауза (время стоит)
admin-act-resume = Продолжить
admin-act-step-out = Выход из аудитории (время идёт)
admin-act-return = Участник вернулся
admin-act-add-time = Добавить минуты
admin-act-give-back = Вернуть { $time }
admin-act-end-test = Завершить тест
admin-act-end-violation = Завершить за нарушение
admin-confirm-end-test = Завершить тест этого участника сейчас? Карта анализа будет показана как обычно.
admin-confirm-end-violation = Завершить тест этого участника за нарушение? Карты анализа и апелляции не будет.
admin-confirm-close-day = Закрыть станцию до конца дня? Программа завершится.
admin-yes = Да
admin-no = Нет
admin-next = Следующий участник: регистрация
admin-close-day = Закрыть станцию до конца дня
admin-claim-title = Принять кандидата, чья станция отказала
admin-claim-ticket = Пропуск кандидата
admin-claim-ticket-hint = Номер пропуска, как напечатан
admin-claim = Перенести его сеанс сюда
admin-claim-asking = Запрос в центр…
admin-claim-incomplete = Введите пропуск кандидата и причину переноса сеанса сюда.
admin-lock = Заблокировать станцию
admin-back = Вернуться к тесту
admin-back-technical = Вернуться к тесту: техническая неисправность (время вернуть)
admin-back-candidate = Вернуться к тесту: по вине участника
admin-center = Центр
admin-health = Станция
admin-health-unsaved = { $count ->
    [0] Все события сохранены на этой станции.
    [one] { $count } событие ждёт сохранения.
    [few] { $count } события ждут сохранения.
    [many] { $count } событий ждут сохранения.
   *[other] { $count } событий ждут сохранения.
}
admin-health-failing = Запись в журнал не удаётся. Вызовите техника.
admin-minutes-bad = Введите, сколько минут добавить: целое число от 1 до { $max }.
admin-needs-reason = Сначала введите причину: она сохраняется вместе с действием.
admin-nothing-due = Этому участнику не положено возвращать время.
admin-not-now = Сейчас это сделать нельзя.
ledger-title = Потерянное время
ledger-downtime = Станция не работала
ledger-paused = Пауза
ledger-focus-lost = Потеря фокуса
ledger-display = Ещё один экран
ledger-proctor = Меню администратора
ledger-line-free = { $cause }: { $lasted } (не списано)
ledger-open = продолжается
ledger-owed = к возврату
ledger-not-owed = по вине участника
ledger-line = { $cause }: { $lasted } (списано { $charged }, { $owed })
ledger-empty = Ничего не потеряно.
ledger-sums = Потеряно { $lost } · возвращено { $given } · ещё к возврату { $due }
incident-title = Происшествия (сначала последние, по времени теста)
incident-focus-lost = Окно потеряло фокус
incident-close-requested = Попытка закрыть окно
incident-step-out-overdue = Выход из аудитории превысил предел
incident-downtime = Станция не работала { $time }
incident-save-failed = Не удалось сохранить
incident-wrong-pin = Неверный PIN или код
incident-moved-from = Перенесён сюда с места { $seat }{ $lost ->
    [0] {""}
    [one] ; { $lost } запись старой станции не дошла до центра
    [few] ; { $lost } записи старой станции не дошли до центра
    [many] ; { $lost } записей старой станции не дошли до центра
   *[other] ; { $lost } записи старой станции не дошли до центра
}
incident-moved = Перенесён сюда с другой станции
incident-none = Происшествий нет.
interlude-proctor = Администратор
finished-violation = Администратор завершил тест за нарушение. Ваши ответы сохранены.
review-time-used = Затрачено времени теста: { $used }
review-time-lost = Затрачено времени теста: { $used } · потеряно не по вашей вине: { $lost } · возвращено: { $given }

## Проверка готовности (ustudy-station check и при запуске)
preflight-title = Проверка готовности
preflight-data-dir = В папку данных { $dir } можно записывать.
preflight-not-writable = В папку данных { $dir } нельзя записывать. Вызовите техника.
preflight-network = Папка данных на сетевом диске ({ $fs }). Журнал должен быть на локальном диске.
preflight-free = На диске данных свободно { $mb } МБ.
preflight-low-free = На диске данных свободно всего { $mb } МБ.
preflight-free-unknown = Не удалось узнать, сколько места свободно на диске данных.
preflight-journal = Журнал открывается надёжно (WAL, полная синхронизация).
preflight-journal-failed = Журнал не удаётся открыть надёжно. Вызовите техника.
preflight-clock = Часы станции идут.
preflight-clock-broken = Часы станции идут неправильно. Вызовите техника.
preflight-display = Экран { $size }.
preflight-small-display = Экран { $size }: программа рассчитана на экраны от 1280×720; тест работает, но места меньше.
preflight-several-displays = Подключено экранов: { $count }. Оставьте один.
preflight-no-display = Экран не найден.
preflight-center = Центр отвечает, сертификат совпадает с закреплённым.
preflight-no-center = Демо-станция: центра нет, ответы хранятся на этой станции.
preflight-center-failed = Центр не отвечает или его сертификат не совпадает с закреплённым.
preflight-machine = Физический компьютер, работа на месте.
preflight-virtual = Это виртуальная машина ({ $what }).
preflight-remote = Это удалённый сеанс ({ $what }).
preflight-level-warn = Внимание
preflight-level-fail = Не пройдено
admin-act-zoom = Увеличение: { $state }
admin-act-contrast = Высокий контраст: { $state }
admin-on = вкл.
admin-off = выкл.

## Панель зала на центре (ustudy-center serve).
hall-login-title = Вход оператора
hall-login-name = Имя оператора
hall-login-password = Пароль
hall-login-submit = Войти
hall-login-wrong = Неверное имя или пароль.
hall-login-stale = Срок действия формы истёк. Войдите ещё раз.
hall-login-bad-form = Форма заполнена не полностью. Заполните оба поля.
hall-login-busy = Слишком много входов одновременно. Подождите немного и повторите.
hall-logout = Выйти
hall-list-title = Залы
hall-list-empty = В этом центре ещё не зарегистрирована ни одна станция.
hall-name = Зал { $hall }
hall-seat = Место { $seat }
hall-alerts = Тревоги
hall-alerts-none = Тревог нет.
hall-updated = Обновлено в
hall-alert-silent = Молчит более 30 с
hall-alert-lag = Ответы ждут отправки на станции
hall-alert-card = Карточка анализа расходится с подсчётом центра
hall-badge-card = Карточка расходится
hall-badge-readiness = Готовность: { $items }
hall-item-data-dir = каталог данных
hall-item-free-space = место на диске
hall-item-journal = журнал
hall-item-clock = часы
hall-item-display = дисплей
hall-item-center = связь с центром
hall-item-machine = машина
hall-alert-flag = Помечено
hall-answered = отвечено { $answered }/{ $tasks }
hall-contact = связь { $seconds } с назад
hall-waiting = ждут { $events }, { $seconds } с
hall-badge-long-step-out = Вышел более 10 мин
hall-badge-incident-focus-lost = Потеря фокуса
hall-badge-incident-close-requested = Попытки закрыть
hall-badge-incident-step-out-overdue = Выход просрочен
hall-badge-incident-downtime = Простой
hall-badge-incident-save-failed = Сбой сохранения
hall-badge-incident-wrong-pin = Неверный PIN
hall-badge-incident-moved = Перенесён сюда
hall-receipts = Квитанции
hall-receipts-line = В центре { $held } записей; на станции при последней отправке было { $head }.
hall-result = Результат (подсчитан центром)
hall-timeline = Ход сеанса
hall-ledger = Учёт потерянного времени
hall-ledger-none = Время не терялось.
hall-loss-downtime = Станция не работала
hall-loss-paused = Пауза проктора
hall-loss-held = Станция удержана
hall-loss-charged = { $time } списано с часов
hall-given-back = Возвращено: { $time }
hall-moment-checked-in = Регистрация
hall-moment-started = Начало тестирования
hall-moment-break-started = Начало перерыва
hall-moment-break-ended = Конец перерыва
hall-moment-paused = Пауза
hall-moment-resumed = Продолжение
hall-moment-stepped-out = Вышел из аудитории
hall-moment-returned = Вернулся
hall-moment-time-added = Добавлено время: { $time }
hall-moment-finished = Тестирование завершено
hall-moment-appeal-opened = Открыта апелляция
hall-moment-appeal-finished = Апелляция подана
hall-moment-closed = Сеанс закрыт
hall-moment-held = Станция удержана поверх заданий
hall-moment-proctor = Проктор: { $action }
hall-proctor-release = снял удержание станции
hall-proctor-recovered = восстановил сеанс
hall-proctor-pause = приостановил тест
hall-proctor-resume = возобновил тест
hall-proctor-step-out = выпустил кандидата из аудитории
hall-proctor-return = кандидат вернулся
hall-proctor-add-time = добавил время
hall-proctor-give-back = вернул потерянное время
hall-proctor-end-test = завершил тест
hall-proctor-end-violation = завершил тест за нарушение
hall-proctor-accommodate = изменил условия сдачи
hall-phase-no-station = нет станции
hall-phase-waiting = сеанса ещё нет
hall-phase-quarantined = на карантине
hall-phase-unreadable = здесь не читается
hall-error-store = Центр не смог прочитать записи. Повторите; если ошибка не уйдёт, смотрите журнал центра.
hall-error-no-hall = В этом центре нет такого зала.
hall-error-no-seat = В этом зале нет такого места.
