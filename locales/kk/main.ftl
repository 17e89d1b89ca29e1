# U-STUDY Station — қазақша

app-title = U-STUDY Station
language-name = Қазақша

## Құлыптау экраны
lock-title = Станция құлыпталған
lock-station = Станция { $station }, орын { $seat }
lock-center-online = Орталық: байланыс бар
lock-center-offline = Орталық: байланыс жоқ (жауаптар осы станцияда сақталады)
lock-center-connecting = Орталық: қосылуда…
lock-center-unreachable = Орталық: байланыс жоқ (жауаптар осы станцияда сақталады және байланыс қалпына келгенде жіберіледі)
lock-sync-waiting = { $count ->
    [0] Барлық жазба орталыққа жетті.
   *[other] Орталыққа жіберуді { $count } жазба күтуде.
}
lock-sync-last = Орталықтың соңғы түбіртегі: { $time }
lock-sync-flagged = Орталық осы станцияның сеансын белгіледі. Орталыққа хабарлаңыз.
lock-sync-refused = Орталық осы станцияның сеансын қабылдамайды (ол осында сақталған, қалғандары жіберіледі). Орталыққа хабарлаңыз.
lock-pin-label = Әкімшінің PIN коды
lock-unlock = Құлыпты ашу
lock-demo-pin = Демо режимі. Әкімші PIN коды: { $pin }
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
checkin-iin-check = ЖСН қате терілген: бақылау цифры сәйкес келмейді. Әр цифрды тексеріңіз.
checkin-iin-date = ЖСН қате терілген: алғашқы алты цифр туған күн емес.
checkin-not-found = Бұл ЖСН мен рұқсатнама кодымен үміткер осы станцияда күтілмейді.
checkin-found-title = Бұл сіз бе?
checkin-no-package = Бұл үміткердің тесті осы станцияда жоқ. Әкімшіні шақырыңыз.
checkin-minutes = Тестілеу уақыты: { $minutes } минут
checkin-extra-time = Оның ішінде { $minutes } қосымша минут (ерекше жағдай).
checkin-subjects = Сіздің пәндеріңіз (бейіндік пәндер қалың әріппен):
checkin-subject-line = { $subject } — тест тілі: { $language }
checkin-pair-ok = Пәндерім мен тест тілі дұрыс көрсетілген
checkin-confirm = Бұл мен — жалғастыру
checkin-already-sat = Бұл қатысушы осы станцияда тестілеуден өтіп қойған. Қайта тапсыру тек әкімшінің рұқсатымен мүмкін, ол тіркеледі.
checkin-retake-pin = Қайта тапсыруға әкімшінің PIN коды
checkin-allow-retake = Қайта тапсыруға рұқсат беру
checkin-retake-wrong = PIN коды қате. Қайта тапсыруға рұқсат берілмеді.
checkin-asking = Тестіңізді орталықтан алып жатырмыз…
checkin-retry = Орталықтан қайта сұрау
checkin-key-code = Әкімші үшін: кілттер парағындағы осы тесттің кілт коды
checkin-open-with-code = Тестті кілт кодымен ашу
release-error-no-center = Бұл станцияның тест алатын орталығы жоқ. Әкімшіні шақырыңыз.
release-error-unreachable = Орталыққа қосылу мүмкін емес. Қайта сұраңыз немесе әкімші кілттер парағындағы кілт кодын енгізсін.
release-error-invalid = Орталықтың жауабын тексеру мүмкін болмады. Қайта сұраңыз немесе әкімші кілттер парағындағы кілт кодын енгізсін.
release-refused-roster = Орталықтың тізімінде бұл үміткер осы аудиторияда жоқ. Әкімшіні шақырыңыз.
release-refused-sat = Орталықтың деректері бойынша бұл үміткердің тесті станциялардың бірінде басталып қойған. Оны қайта рұқсат ету тек орталықтың қолында.
release-refused-window = Орталық бұл тестті басталуынан 30 минут бұрын ғана ашады. Әкімшіні шақырыңыз.
release-refused-package = Орталық бұл тестті осы станцияда бұл үміткерге бермейді. Әкімшіні шақырыңыз.
release-refused-other = Орталық тестті ашудан бас тартты ({ $code }). Әкімшіні шақырыңыз.
keycode-error-format = Кілт коды 53 әріп пен цифрдан тұрады. Оны кілттер парағымен салыстырыңыз.
keycode-error-check = Кілт кодында қате терілген таңба бар. Оны кілттер парағымен салыстырыңыз.
keycode-error-wrong = Бұл кілт коды { $package } тестін ашпайды. Бұл осы тесттің жолы екенін тексеріңіз.

## Пәндер мен шекті балдар
subject-history-kz = Қазақстан тарихы
subject-math-literacy = Математикалық сауаттылық
subject-reading-literacy = Оқу сауаттылығы
subject-mathematics = Математика
subject-physics = Физика
subject-chemistry = Химия
subject-informatics = Информатика
subject-pedagogy = Педагогика
subject-methodology = Әдістеме
subject-subject = Пән
pass-general = Жалпы шек
pass-national = Ұлттық ЖОО
pass-pedagogy = Педагогика
pass-healthcare = Денсаулық сақтау
pass-agriculture = Ауыл шаруашылығы және ветеринария
pass-pass = Өту шегі
pass-teacher = Педагог
pass-moderator = Педагог-модератор
pass-expert = Педагог-сарапшы
pass-researcher = Педагог-зерттеуші
pass-master = Педагог-шебер

## Кезеңдер (қалпына келтіру үшін)
phase-locked = құлыпталған
phase-check-in = тіркелу
phase-briefing = нұсқаулық
phase-testing = тестілеу
phase-break = үзіліс
phase-paused = кідіріс
phase-stepped-out = аудиториядан шығу
phase-finished = тестілеудің соңы
phase-review = талдау картасы
phase-decision = апелляция таңдауы
phase-appeal = апелляция
phase-appeal-card = апелляция карточкасы
phase-closed = аяқталды

## Құлыптау экраны: қалпына келтіру
lock-recovered-title = Сеанс қайта іске қосылғаннан кейін қалпына келтірілді
lock-recovered-where = Кезең: { $screen }; { $subject }, { $n }‑тапсырма
lock-recovered-time = Қалған уақыт: { $time }
lock-recovered-answers = Сақталған жауаптар: { $count }
lock-recovered-damaged = Журналдың бір бөлігі бүлінген: сеанс соңғы бүтін жазбадан жалғасады. Орталыққа хабарлаңыз.
lock-moved-here-title = Сеанс басқа станциядан осында көшірілді
lock-moved-here-from = Бастапқы орны: { $seat }. Орталық алған барлық жауаптар сақталған. Үміткердің жеке басын тексеріп, PIN-кодпен ашыңыз.
lock-moved-here-lost = { $seat } орында жасалған { $lost } жазба орталыққа жетпеді: сол жерде соңғы берілген жауаптар (төмендегі тапсырмадан кейінгі) жоқ болуы мүмкін. Үміткер жалғастырмас бұрын сол станцияның журналын экспорттап, орталықта импорттаңыз немесе үміткерге сол тапсырмаларды тексертіңіз.
lock-moved-away-title = Бұл сеанс басқа станцияға көшірілді
lock-moved-away = Орталық бұл үміткердің сеансын басқа орынға көшірді: { $seat }; үміткер сонда жалғастырады. Станция жібере алмаған жазбалар оның дискісінде қалды: журналды орталық үшін экспорттаңыз (ustudy-station journal export). Келесі үміткер үшін PIN-кодпен ашыңыз.
lock-stuck-title = Осы станциядағы сеанс жалғаса алмайды
lock-stuck-candidate = Қатысушы: { $name }
lock-stuck-what = Оны шетке қою үшін PIN кодын енгізіңіз: ол орталық үшін дәлел ретінде станцияда сақталады, ал станция келесі қатысушыға көшеді.
lock-set-aside = Шетке қойып, құлпын ашу
stuck-not-started = Сеанс нұсқаулыққа дейін үзілді.
stuck-unknown-package = Бұл сеанстың тесті ({ $package }) осы станцияда жоқ.
stuck-does-not-replay = Сеанс журналы дұрыс күйге қайта ойнатылмайды.
stuck-lost-records = Станция сақтаған жазбалар журналдан жоғалды (журнал файлы жойылған, қысқартылған немесе ескі көшірмемен ауыстырылған). Орталыққа хабарлаңыз: оның түбіртектерінде жіберілгендер сақталған.

## Нұсқаулық
briefing-title = Бастамас бұрын
briefing-summary = Тапсырмалар: { $tasks }, уақыт: { $minutes } минут.
briefing-rule-prohibited = Телефон, смарт-сағат, жазбалар, кітап пайдалануға және сөйлесуге тыйым салынады. Ереже бұзылса, тестілеу тоқтатылады.
briefing-rule-saving = Әр жауап берілген сәтте станцияда сақталады; тапсырманың астында «Сақталды» деген жазба шығады.
briefing-rule-breaks = Сергіту үзілістері тестілеудің мына минуттарында болады: { $times }. Үзіліс кезінде тапсырмалар жасырылады, ал уақыт жүре береді.
briefing-rule-no-breaks = Бұл тестте сергіту үзілісі жоқ.
briefing-rule-navigation = Кез келген пәннен бастап, жауаптарды тест соңына дейін өзгертуге болады. Қайта оралу үшін тапсырманы белгілеңіз.
briefing-rule-technical = Тапсырма бүлінген болса (мәтін не сурет жоқ), сол тапсырмада «Техникалық ақау» батырмасын басып, сипаттаңыз.
briefing-rule-appeal = Тесттен кейін нәтижеңізді көресіз және тестілеу аяқталғаннан кейін { $minutes } минут ішінде мазмұны бойынша апелляция бере аласыз.
briefing-rule-keys = Пернелер: 1–9 немесе A–H — нұсқаны таңдау (Shift-пен — сызып тастау), ← → — алдыңғы/келесі тапсырма, M — белгілеу, Delete — тазарту, F6 F7 F8 — калькулятор мен кестелер, + − — мәтін өлшемі, L — сызғыш, T — уақытты жасыру, Tab — батырмалар арасында өту.
briefing-start = Тестті бастау

## Тестілеу
# «‑» — үзілмейтін дефис (U+2011): сан мен сөз жол соңында ажырамайды.
task-number = { $n }‑тапсырма
testing-heading = { $subject } · { $n }‑тапсырма, барлығы { $total }
testing-choose-many = Бір немесе бірнеше жауапты таңдаңыз
testing-matching-hint = Әр тармақты оң жақтағы әріппен сәйкестендіріңіз.
testing-time-left = Қалған уақыт
testing-warning = { $minutes } минуттан аз уақыт қалды
testing-finish = Тестті аяқтау
testing-prev = ← Алдыңғы
testing-next = Келесі →
testing-mark = Белгілеу
testing-unmark = Белгіні алу
testing-clear = Жауапты тазарту
testing-technical = Техникалық ақау
testing-technical-title = Осы тапсырмадағы техникалық ақауды сипаттаңыз
testing-technical-placeholder = Мысалы: сурет көрінбейді
testing-technical-send = Әкімшіге жіберу
testing-technical-withdraw = Қайтарып алу
testing-technical-sent = Техникалық ақау туралы хабарланды: { $reason }
testing-no-answer = Әзірге жауап жоқ
testing-saving = Сақталуда…
testing-saved = ✓ Сақталды
testing-save-failed = Әлі сақталмады — станция қайта көріп жатыр. Әкімшіге хабарлаңыз.
testing-legend-answered = жауап берілген
testing-legend-open = жауап жоқ
testing-legend-marked = белгіленген
testing-legend-current = экранда
tool-calculator = Калькулятор
tool-periodic = Менделеев кестесі
tool-solubility = Ерігіштік кестесі
calc-tape = Соңғы нәтижелер
calc-error-division-by-zero = Нөлге бөлуге болмайды
calc-error-overflow = Сан тым үлкен
calc-error-malformed = Өрнек аяқталмаған
calc-error-negative-root = Теріс санның квадрат түбірі жоқ
periodic-search = Таңба, атау немесе нөмір
periodic-hint = Элементті басыңыз немесе оның таңбасын, атауын не нөмірін теріңіз.
periodic-mass = Атомдық масса: { $value }
periodic-mass-school = Есептеулерде: { $value }
periodic-electronegativity = Электртерістілік: { $value }
periodic-group = Топ: { $value }
periodic-period = Период: { $value }
periodic-alkali = сілтілік металдар
periodic-alkaline-earth = сілтілік жер металдары
periodic-transition = ауыспалы металдар
periodic-post-transition = басқа металдар
periodic-metalloid = жартылай металдар
periodic-nonmetal = бейметалдар
periodic-halogen = галогендер
periodic-noble-gas = асыл газдар
periodic-lanthanide = лантаноидтар
periodic-actinide = актиноидтар
solubility-letter-soluble = Р
solubility-letter-slightly = М
solubility-letter-insoluble = Н
solubility-letter-none = —
solubility-soluble = ериді
solubility-slightly = аз ериді
solubility-insoluble = ерімейді
solubility-none = жоқ немесе сумен ыдырайды
solubility-focused = { $cation } + { $anion } → { $formula }: { $meaning }
solubility-disputed = мектеп кестелерінде бұл зат бойынша айырмашылық бар
aid-contrast = Жоғары контраст
aid-reader = Сызғыш
aid-timer-hide = Уақытты жасыру
aid-timer-show = Уақытты көрсету
aid-timer-hidden = Уақыт жасырулы
dialog-cancel = Болдырмау
dialog-close = Жабу

## Аяқтауды растау
finish-title = Тестті аяқтайсыз ба?
finish-unanswered = { $count ->
    [0] Барлық тапсырмаға жауап берілді.
   *[other] Жауапсыз тапсырмалар ({ $count }): { $tasks }
}
finish-marked = Белгіленген тапсырмалар ({ $count }): { $tasks }
finish-warning = Аяқтағаннан кейін жауаптарды өзгертуге болмайды.
finish-cancel = Тестке оралу
finish-confirm = Иә, аяқтау

## Үзіліс, кідіріс, шығу
break-title = Сергіту үзілісі
break-hidden = Тапсырмалар жасырылды. Үзіліс біткенде олар өздігінен қайтады.
break-main-clock = Тесттің қалған уақыты (уақыт жүріп тұр):
break-exercise-eyes = 20 секунд терезеге немесе алыстағы қабырғаға қараңыз, содан кейін көзіңізді жұмыңыз.
break-exercise-neck = Басыңызды баяу солға және оңға бұрыңыз, бес рет.
break-exercise-shoulders = Иығыңызды көтеріп, ұстап тұрып, түсіріңіз. Он рет.
break-exercise-breath = Төрт санағанша дем алып, алты санағанша шығарыңыз, бес рет.
paused-title = Тест уақытша тоқтатылды
paused-body = Әкімші тестті уақытша тоқтатты. Уақыт тоқтап тұр.
stepped-out-title = Сіз аудиториядан шықтыңыз
stepped-out-body = Уақыт жүріп тұр. Әкімші сізді тестке қайтарады.

## Тесттен кейін
finished-title = Тестілеу аяқталды
finished-body = Сіз тестті аяқтадыңыз. Барлық жауаптарыңыз сақталды.
finished-time-up = Уақыт бітті. Барлық жауаптарыңыз сақталды.
finished-answered = Берілген жауаптар: { $count }.
finished-to-card = Нәтижемді көру
review-title = Талдау картасы
review-total = Барлығы: { $max } балдан { $points }
review-minimum-met = шекті балл { $minimum }: жиналды
review-minimum-missed = шекті балл { $minimum }: жиналмады
review-pass-met = { $mark }: { $points } балл — жетті
review-pass-missed = { $mark }: { $points } балл — жетпеді
review-col-task = Тапсырма
review-col-answer = Сіздің жауабыңыз
review-col-points = Балл
review-countdown = Талдау картасы тағы { $time } көрсетіледі
review-continue = Жалғастыру
decision-title = Апелляция немесе аяқтау
decision-body = Қате деп санайтын тапсырмаларға апелляция бере аласыз немесе қазір аяқтай аласыз.
decision-appeal-left = Апелляция тағы { $time } қабылданады.
decision-appeal = Апелляцияға өту
decision-finish = Апелляциясыз аяқтау
decision-countdown = Бағдарлама өздігінен жабылғанға дейін: { $time }
appeal-title = Апелляция
appeal-count = Апелляция берілген тапсырмалар: { $count }
appeal-deadline = Апелляцияға қалған уақыт: { $time }
appeal-finish = Апелляцияны аяқтау
appeal-ground = Негіздеме түрі
appeal-justification = Сіздің негіздемеңіз
appeal-placeholder = Тапсырманың немесе кілттің неге қате екенін түсіндіріңіз
appeal-save = Осы тапсырмаға апелляцияны сақтау
appeal-withdraw = Қайтарып алу
appeal-status-filed = Бұл тапсырмаға апелляция берілді.
appeal-status-none = Бұл тапсырмаға апелляция берілмеген.
appeal-confirm-body = { $count ->
    [0] Сіз бірде-бір тапсырмаға апелляция бермедіңіз. Бәрібір аяқтайсыз ба?
   *[other] Апелляция берілген тапсырмалар: { $count }. Аяқтағаннан кейін өзгертуге болмайды.
}
appeal-confirm = Иә, апелляцияны аяқтау
appeal-cancel = Апелляцияға оралу
ground-no-correct = Дұрыс нұсқа жоқ
ground-several-correct = Бірнеше дұрыс нұсқа бар
ground-error = Тапсырмада қате бар
ground-missing = Тапсырманың бір бөлігі жоқ
appeal-card-title = Апелляцияға өтініш қабылданды
appeal-card-receipt = Түбіртек нөмірі: { $receipt }
appeal-card-answer = Сіздің жауабыңыз: { $answer }
appeal-card-none = Апелляция берілген тапсырма жоқ.
appeal-card-countdown = Бағдарлама өздігінен жабылғанға дейін: { $time }
appeal-card-done = Дайын
closed-title = Рақмет!
closed-body = Сеансыңыз аяқталды. Станцияны сол күйінде қалдырыңыз.
closed-saved = Барлығы сақталды.
closed-saving = Соңғы жазбалар сақталуда…
journal-failed = Станция журналға жаза алмады. { $error } Әкімшіні шақырыңыз.
journal-error-station-key = Станция кілті жоқ немесе бұл журналды ашпайды. station.key файлын станцияның сақтық көшірмесінен қалпына келтіріңіз.
journal-error-damaged = Журнал бүлінген.
journal-error-lost = Журналдың соңынан жазбалар жоғалды.
journal-error-schema = Журналды бағдарламаның басқа нұсқасы жасаған.
journal-error-missing = Журнал немесе сеанс табылмады.
journal-error-write = Журналға жазу немесе оны оқу мүмкін болмады.
package-error-unreadable = Тест пакетін оқу мүмкін емес.
package-error-invalid = Тест пакетінің мазмұны дұрыс емес.
package-error-not-package = Бұл файл тест пакеті емес немесе ол толық емес.
package-error-version = Бұл пакет бағдарламаның басқа нұсқасына арналған (пішім нұсқасы { $version }).
package-error-untrusted = Пакетке осы орталықтың кілтімен қол қойылмаған.
package-error-signature = Пакеттің қолтаңбасы расталмады: файл өзгертілген немесе зақымдалған.
package-error-decrypt = Пакеттің шифрын ашу мүмкін емес: кілт қате немесе деректер зақымдалған.
boot-error-data-dir = Станцияның деректер қалтасын ({ $dir }) жасау мүмкін емес.
boot-error-no-pin = Бұл станцияда әкімшінің PIN коды орнатылмаған. Оны ustudy-station set-pin командасымен орнатыңыз.
boot-error-roster = Аудитория тізімі жоқ немесе оған осы станцияның орталығы қол қоймаған. Оны ustudy-station fetch командасымен қайта алыңыз.
boot-error-no-packages = Бұл станцияда бірде-бір тест пакеті жоқ. Оларды ustudy-station fetch командасымен алыңыз.
boot-error-keys = Станцияның немесе оның орталығының кілттері бүлінген. Станцияны қайта тіркеңіз.
text-length = { $count } / { $max } таңба
text-too-long = Тым ұзын: { $count } таңба, ең көбі { $max }. Сақтау үшін қысқартыңыз; әзірге ештеңе жоғалмайды.

## Әкімші: ұсталған станция, әкімші мәзірі, жоғалған уақыт есебі, оқиғалар журналы
lock-open-admin = Әкімші мәзірі
held-title = Тапсырмалар жасырылды
held-focus-lost = Тест терезесі фокусты жоғалтты: әкімші станцияны ашқанша тапсырмалар жасырулы.
held-display = Тағы бір экран қосылды: әкімші станцияны ашқанша тапсырмалар жасырулы.
held-proctor = Әкімші мәзірі ашылды.
held-clock = Әкімші үзіліс жасамаса, тест уақыты жүре береді. Қатысушының кінәсінен емес жоғалған уақытты қайтаруға болады.
held-challenge = PIN-код жоқ па? Осы сұрау үшін орталықтан бір реттік код сұраңыз:
admin-title = Әкімші мәзірі
admin-by-pin = Әкімшінің PIN-кодымен ашылды
admin-by-code = Орталықтың бір реттік кодымен ашылды
admin-session = { $name } · { $phase } · қалған уақыт { $time }
admin-reason = Себебі (әрекетпен бірге журналда сақталады)
admin-reason-hint = мысалы, тінтуір істемей қалды
admin-minutes = Қосылатын минуттар
admin-minutes-hint = 1–240
admin-act-pause = Үзіліс (уақыт тоқтайды)
admin-act-resume = Жалғастыру
admin-act-step-out = Аудиториядан шығу (уақыт жүреді)
admin-act-return = Қатысушы оралды
admin-act-add-time = Минуттарды қосу
admin-act-give-back = { $time } қайтару
admin-act-end-test = Тестті аяқтау
admin-act-end-violation = Ереже бұзғаны үшін аяқтау
admin-confirm-end-test = Осы қатысушының тестін қазір аяқтау керек пе? Талдау картасы әдеттегідей көрсетіледі.
admin-confirm-end-violation = Осы қатысушының тестін ереже бұзғаны үшін аяқтау керек пе? Талдау картасы мен апелляция болмайды.
admin-confirm-close-day = Станцияны бүгінге жабу керек пе? Бағдарлама жабылады.
admin-yes = Иә
admin-no = Жоқ
admin-next = Келесі қатысушы: тіркелу
admin-close-day = Станцияны бүгінге жабу
admin-lock = Станцияны құлыптау
admin-back = Тестке оралу
admin-back-technical = Тестке оралу: техникалық ақау (уақыт қайтарылады)
admin-back-candidate = Тестке оралу: қатысушының кінәсі
admin-center = Орталық
admin-health = Станция
admin-health-unsaved = { $count ->
    [0] Барлық оқиға осы станцияда сақталды.
   *[other] Сақталуды күтіп тұрған оқиғалар: { $count }.
}
admin-health-failing = Журналға жазу сәтсіз. Техникті шақырыңыз.
admin-minutes-bad = Қосылатын минуттарды енгізіңіз: 1 мен { $max } аралығындағы бүтін сан.
admin-needs-reason = Алдымен себебін енгізіңіз: ол әрекетпен бірге сақталады.
admin-nothing-due = Бұл қатысушыға қайтарылатын уақыт жоқ.
admin-not-now = Мұны қазір істеу мүмкін емес.
ledger-title = Жоғалған уақыт
ledger-downtime = Станция істемеді
ledger-paused = Үзіліс
ledger-focus-lost = Фокус жоғалды
ledger-display = Тағы бір экран
ledger-proctor = Әкімші мәзірі
ledger-line-free = { $cause }: { $lasted } (есептелмеді)
ledger-open = жалғасуда
ledger-owed = қайтарылады
ledger-not-owed = қатысушының кінәсі
ledger-line = { $cause }: { $lasted } (есептелді { $charged }, { $owed })
ledger-empty = Ештеңе жоғалған жоқ.
ledger-sums = Жоғалды { $lost } · қайтарылды { $given } · әлі қайтарылады { $due }
incident-title = Оқиғалар (соңғылары бірінші, тест уақыты бойынша)
incident-focus-lost = Терезе фокусты жоғалтты
incident-close-requested = Терезені жабу әрекеті
incident-step-out-overdue = Аудиториядан шығу шектен асты
incident-downtime = Станция { $time } істемеді
incident-save-failed = Сақтау сәтсіз
incident-wrong-pin = Қате PIN немесе код
incident-moved-from = Осы станцияға көшірілді (бастапқы орны: { $seat }){ $lost ->
    [0] {""}
   *[other] ; ескі станцияның { $lost } жазбасы орталыққа жетпеді
}
incident-moved = Басқа станциядан осында көшірілді
incident-none = Оқиға жоқ.
interlude-proctor = Әкімші
finished-violation = Әкімші тестті ереже бұзғаны үшін аяқтады. Жауаптарыңыз сақталды.
review-time-used = Тест уақыты жұмсалды: { $used }
review-time-lost = Тест уақыты жұмсалды: { $used } · сіздің кінәңізсіз жоғалды: { $lost } · қайтарылды: { $given }

## Дайындықты тексеру (ustudy-station check және іске қосқанда)
preflight-title = Дайындықты тексеру
preflight-data-dir = { $dir } деректер қалтасына жазуға болады.
preflight-not-writable = { $dir } деректер қалтасына жазу мүмкін емес. Техникті шақырыңыз.
preflight-network = Деректер қалтасы желілік дискіде ({ $fs }). Журнал жергілікті дискіде болуы керек.
preflight-free = Деректер дискісінде { $mb } МБ бос.
preflight-low-free = Деректер дискісінде небәрі { $mb } МБ бос.
preflight-free-unknown = Деректер дискісіндегі бос орынды анықтау мүмкін болмады.
preflight-journal = Журнал сенімді ашылады (WAL, толық синхрондау).
preflight-journal-failed = Журналды сенімді ашу мүмкін емес. Техникті шақырыңыз.
preflight-clock = Станцияның сағаты жүріп тұр.
preflight-clock-broken = Станцияның сағаты дұрыс жүрмейді. Техникті шақырыңыз.
preflight-display = Экран { $size }.
preflight-small-display = Экран { $size }: беттер 1280×720 және одан үлкен экранға арналған; тест жұмыс істейді, бірақ орын аз.
preflight-several-displays = Қосылған экрандар саны: { $count }. Біреуін ғана қалдырыңыз.
preflight-no-display = Экран табылмады.
preflight-center = Орталық жауап береді, сертификаты бекітілгенмен сәйкес.
preflight-no-center = Демо станция: орталық жоқ, жауаптар осы станцияда сақталады.
preflight-center-failed = Орталық жауап бермейді немесе оның сертификаты бекітілгенмен сәйкес емес.
preflight-machine = Физикалық компьютер, жергілікті жұмыс.
preflight-virtual = Бұл виртуалды машина ({ $what }).
preflight-remote = Бұл қашықтағы сеанс ({ $what }).
preflight-level-warn = Назар аударыңыз
preflight-level-fail = Өтпеді
admin-act-zoom = Үлкейту: { $state }
admin-act-contrast = Жоғары контраст: { $state }
admin-on = қосулы
admin-off = өшірулі

## Орталықтағы зал тақтасы (ustudy-center serve).
hall-login-title = Оператордың кіруі
hall-login-name = Оператордың аты
hall-login-password = Құпиясөз
hall-login-submit = Кіру
hall-login-wrong = Аты немесе құпиясөз қате.
hall-login-stale = Форманың мерзімі өтті. Қайта кіріңіз.
hall-login-bad-form = Форма толық толтырылмаған. Екі өрісті де толтырыңыз.
hall-login-busy = Бір мезгілде тым көп кіру әрекеті. Сәл күтіп, қайталаңыз.
hall-logout = Шығу
hall-list-title = Залдар
hall-list-empty = Бұл орталықта әлі бірде-бір станция тіркелмеген.
hall-name = { $hall } зал
hall-seat = { $seat } орын
hall-alerts = Дабылдар
hall-alerts-none = Дабыл жоқ.
hall-updated = Жаңартылды:
hall-alert-silent = 30 с-тан астам үнсіз
hall-alert-lag = Жауаптар станцияда жіберуді күтуде
hall-alert-card = Талдау картасы орталықтың есебімен сәйкес емес
hall-badge-card = Карта сәйкес емес
hall-badge-readiness = Дайындық: { $items }
hall-item-data-dir = деректер қалтасы
hall-item-free-space = дискідегі орын
hall-item-journal = журнал
hall-item-clock = сағат
hall-item-display = дисплей
hall-item-center = орталықпен байланыс
hall-item-machine = машина
hall-alert-flag = Белгіленген
hall-answered = { $answered }/{ $tasks } жауап берілді
hall-contact = байланыс { $seconds } с бұрын
hall-waiting = { $events } күтуде, { $seconds } с
hall-badge-long-step-out = 10 минуттан астам шықты
hall-badge-incident-focus-lost = Фокус жоғалды
hall-badge-incident-close-requested = Жабу әрекеттері
hall-badge-incident-step-out-overdue = Шығу мерзімі өтті
hall-badge-incident-downtime = Тоқтап тұру
hall-badge-incident-save-failed = Сақтау қатесі
hall-badge-incident-wrong-pin = Қате PIN
hall-badge-incident-moved = Көшірілген
hall-receipts = Түбіртектер
hall-receipts-line = Орталықта { $held } жазба бар; станцияда соңғы жіберу кезінде { $head } болған.
hall-result = Нәтиже (орталық есептеген)
hall-timeline = Сеанс барысы
hall-ledger = Жоғалған уақыт есебі
hall-ledger-none = Уақыт жоғалмады.
hall-loss-downtime = Станция жұмыс істемеді
hall-loss-paused = Проктор кідіртті
hall-loss-held = Станция ұсталды
hall-loss-charged = сағаттан { $time } есептелді
hall-given-back = Қайтарылды: { $time }
hall-moment-checked-in = Тіркелу
hall-moment-started = Тестілеу басталды
hall-moment-break-started = Үзіліс басталды
hall-moment-break-ended = Үзіліс аяқталды
hall-moment-paused = Кідіріс
hall-moment-resumed = Жалғасты
hall-moment-stepped-out = Аудиториядан шықты
hall-moment-returned = Оралды
hall-moment-time-added = Уақыт қосылды: { $time }
hall-moment-finished = Тестілеу аяқталды
hall-moment-appeal-opened = Апелляция ашылды
hall-moment-appeal-finished = Апелляция берілді
hall-moment-closed = Сеанс жабылды
hall-moment-held = Станция тапсырмалар үстінен ұсталды
hall-moment-proctor = Проктор: { $action }
hall-proctor-release = станцияны босатты
hall-proctor-recovered = сеансты қалпына келтірді
hall-proctor-pause = тестті тоқтатты
hall-proctor-resume = тестті жалғастырды
hall-proctor-step-out = үміткерді аудиториядан шығарды
hall-proctor-return = үміткер оралды
hall-proctor-add-time = уақыт қосты
hall-proctor-give-back = жоғалған уақытты қайтарды
hall-proctor-end-test = тестті аяқтады
hall-proctor-end-violation = тестті тәртіп бұзғаны үшін аяқтады
hall-proctor-accommodate = тапсыру жағдайларын өзгертті
hall-phase-no-station = станция жоқ
hall-phase-waiting = сеанс әлі жоқ
hall-phase-quarantined = карантинде
hall-phase-unreadable = мұнда оқылмайды
hall-error-store = Орталық жазбаларды оқи алмады. Қайталаңыз; қате кетпесе, орталық журналын қараңыз.
hall-error-no-hall = Бұл орталықта мұндай зал жоқ.
hall-error-no-seat = Бұл залда мұндай орын жоқ.
