"""Templated sample tasks for mathematics and physics (Kazakh and Russian). Numbers come from a
seeded generator; every task is a sensible question with exactly one defensible key. Samples
for demonstration only, not real UNT content."""

import math
from fractions import Fraction


def num(x):
    """Formats a number the Kazakh/Russian way: decimal comma, thin grouping of thousands."""
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, float) and not x.is_integer():
        return f"{x:g}".replace(".", ",")
    n = int(x)
    s = f"{abs(n):,}".replace(",", " ")
    return ("−" if n < 0 else "") + s


def _step(key, rng):
    """A spacing for wrong values that suits the size of `key` (1 for small keys, 10 for
    hundreds, ...), drawn from a few so the options do not all sit one apart."""
    size = max(abs(key), 1)
    steps = [s for s in (1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if s * 8 <= size] or [1]
    return rng.choice(steps[-3:])


def distractors(key, rng, count, mistakes=(), positive=None, step=None):
    """`count` distinct wrong integers for a task whose answer is `key`.

    `mistakes` are what a candidate gets by a typical slip (absolute values, not offsets). The
    key's rank among all the options is drawn at random first; mistakes are used where they fit
    that rank, and values around the key at an irregular spacing fill the rest. So neither the
    smallest, the largest, the middle option nor the one with the most close neighbours finds
    the key more often than chance. With `positive` (by default: when the key is positive) no
    option is zero or below: no negative mass or resistance. `step` overrides the spacing (a
    year's options lie a few years apart)."""
    if positive is None:
        positive = key > 0
    step = step or _step(key, rng)

    def fits(c, out):
        return c != key and c not in out and (not positive or c > 0)

    room_below = (key - 1) // step if positive else count
    usable = [m for m in dict.fromkeys(mistakes) if fits(m, [])]
    mistakes_below = [m for m in usable if m < key]
    below = rng.randint(0, min(count, room_below + len(mistakes_below)))
    above = count - below
    out = []
    for m in usable:
        if m < key and sum(c < key for c in out) < below:
            out.append(m)
        elif m > key and sum(c > key for c in out) < above:
            out.append(m)
    for side, want in ((-1, below), (1, above)):
        have = sum((c < key) if side < 0 else (c > key) for c in out)
        multipliers = list(range(1, 12))
        rng.shuffle(multipliers)
        # Mostly near the key, sometimes further: sorted small first, with a random start.
        multipliers.sort(key=lambda k: k + rng.random() * 4)
        for k in multipliers:
            if have >= want:
                break
            c = key + side * k * step
            if fits(c, out):
                out.append(c)
                have += 1
    # A key too close to zero for the rank drawn: what is missing goes above.
    k = 1
    while len(out) < count:
        c = key + (above + k) * step
        if fits(c, out):
            out.append(c)
        k += 1
    rng.shuffle(out)
    return out


def math_single(rng, n):
    """n single-choice maths tasks: (kk, ru, key text, [wrong texts])."""
    templates = [
        lambda: _linear(rng), lambda: _diff_squares(rng), lambda: _vieta(rng), lambda: _log(rng),
        lambda: _derivative(rng), lambda: _arith(rng), lambda: _geom(rng), lambda: _percent(rng),
        lambda: _system(rng), lambda: _triangle(rng), lambda: _powers(rng), lambda: _inequality(rng),
        lambda: _integral(rng),
    ]
    out, seen = [], set()
    i = 0
    while len(out) < n:
        t = templates[i % len(templates)]()
        i += 1
        if t[1] in seen or len({str(o) for o in [t[2]] + t[3][:4]}) < 5:
            continue
        seen.add(t[1])
        out.append(t)
    return out


def _wrap(kk, ru, key, wrong):
    return (kk, ru, num(key), [num(w) for w in wrong])


def _linear(rng):
    a, x = rng.randint(2, 9), rng.randint(-9, 12)
    b = rng.randint(1, 20)
    c = a * x + b
    return _wrap(f"Теңдеуді шешіңіз: {a}x + {b} = {num(c)}", f"Решите уравнение: {a}x + {b} = {num(c)}",
                 x, distractors(x, rng, 4, [c - b, (c + b) // a if (c + b) % a == 0 else x + 3]))


def _diff_squares(rng):
    a, b = rng.randint(20, 60), rng.randint(2, 19)
    key = a + b
    return _wrap(f"Өрнектің мәнін табыңыз: ({a}² − {b}²) : ({a} − {b})",
                 f"Найдите значение выражения: ({a}² − {b}²) : ({a} − {b})",
                 key, distractors(key, rng, 4, [a - b, a * b]))


def _vieta(rng):
    r1, r2 = rng.randint(1, 9), rng.randint(-8, 9)
    p, q = r1 + r2, r1 * r2
    sign_p = f"− {p}x" if p >= 0 else f"+ {-p}x"
    sign_q = f"+ {q}" if q >= 0 else f"− {-q}"
    return _wrap(f"x² {sign_p} {sign_q} = 0 теңдеуі түбірлерінің қосындысын табыңыз.",
                 f"Найдите сумму корней уравнения x² {sign_p} {sign_q} = 0.",
                 p, distractors(p, rng, 4, [-p, q]))


def _log(rng):
    base = rng.choice([2, 3, 5])
    k = rng.randint(2, 6 if base == 2 else 4)
    return _wrap(f"Есептеңіз: log_{{{base}}} {num(base ** k)}", f"Вычислите: log_{{{base}}} {num(base ** k)}",
                 k, distractors(k, rng, 4, [base ** k // base, k + base]))


def _derivative(rng):
    a, b, x0 = rng.randint(2, 6), rng.randint(-7, 7), rng.randint(1, 4)
    key = 2 * a * x0 + b
    bt = f"+ {b}x" if b >= 0 else f"− {-b}x"
    return _wrap(f"f(x) = {a}x² {bt} функциясы үшін f′({x0}) мәнін табыңыз.",
                 f"Для функции f(x) = {a}x² {bt} найдите f′({x0}).",
                 key, distractors(key, rng, 4, [a * x0 * x0 + b * x0, a * x0 + b]))


def _arith(rng):
    a1, d, k = rng.randint(-5, 10), rng.randint(2, 7), rng.randint(8, 20)
    key = a1 + (k - 1) * d
    return _wrap(f"Арифметикалық прогрессияда a₁ = {num(a1)}, d = {d}. a_{{{k}}} мүшесін табыңыз.",
                 f"В арифметической прогрессии a₁ = {num(a1)}, d = {d}. Найдите a_{{{k}}}.",
                 key, distractors(key, rng, 4, [a1 + k * d, a1 + (k - 2) * d]))


def _geom(rng):
    b1, q, k = rng.randint(1, 5), rng.choice([2, 3]), rng.randint(4, 6)
    key = b1 * q ** (k - 1)
    return _wrap(f"Геометриялық прогрессияда b₁ = {b1}, q = {q}. b_{{{k}}} мүшесін табыңыз.",
                 f"В геометрической прогрессии b₁ = {b1}, q = {q}. Найдите b_{{{k}}}.",
                 key, distractors(key, rng, 4, [b1 * q ** k, b1 * q * (k - 1)]))


def _percent(rng):
    p, base = rng.choice([5, 12, 15, 20, 25, 35, 40]), rng.choice([80, 120, 240, 360, 420, 600])
    key = p * base // 100 if p * base % 100 == 0 else None
    if key is None:
        return _percent(rng)
    wrong = distractors(key, rng, 4, [key * 2, base // p if base % p == 0 else key * 10, base - key])
    return (f"{num(base)} санының {p} %-ын табыңыз.", f"Найдите {p} % от числа {num(base)}.",
            num(key), [num(w) for w in wrong])


def _system(rng):
    x, y = rng.randint(2, 15), rng.randint(1, 12)
    return _wrap(f"Теңдеулер жүйесін шешіп, x мәнін табыңыз: x + y = {x + y}, x − y = {x - y}.",
                 f"Решите систему и найдите x: x + y = {x + y}, x − y = {x - y}.",
                 x, distractors(x, rng, 4, [y, x + y]))


def _triangle(rng):
    a, b = rng.choice([(3, 4), (6, 8), (5, 12), (9, 12), (8, 15), (7, 24)])
    c = int(math.hypot(a, b))
    if rng.random() < 0.5:
        return _wrap(f"Тікбұрышты үшбұрыштың катеттері {a} және {b}. Гипотенузасын табыңыз.",
                     f"Катеты прямоугольного треугольника равны {a} и {b}. Найдите гипотенузу.",
                     c, distractors(c, rng, 4, [a + b, c + 2]))
    return _wrap(f"Тікбұрышты үшбұрыштың катеттері {a} және {b}. Ауданын табыңыз.",
                 f"Катеты прямоугольного треугольника равны {a} и {b}. Найдите его площадь.",
                 a * b // 2, distractors(a * b // 2, rng, 4, [a * b, a + b]))


def _powers(rng):
    m, k = rng.randint(2, 9), rng.randint(2, 9)
    key = f"2^{{{m + k}}}"
    wrong = [f"2^{{{m * k}}}", f"4^{{{m + k}}}", f"2^{{{abs(m - k) + 1}}}", f"4^{{{m * k}}}"]
    return (f"Өрнекті ықшамдаңыз: 2^{{{m}}} · 2^{{{k}}}", f"Упростите выражение: 2^{{{m}}} · 2^{{{k}}}", key, wrong)


def _inequality(rng):
    a, x0 = rng.randint(2, 6), rng.randint(-4, 8)
    b = rng.randint(1, 9)
    c = a * x0 - b
    key = f"x > {num(x0)}"
    wrong = [f"x < {num(x0)}", f"x > {num(x0 + 1)}", f"x ≥ {num(x0 - 1)}", f"x < {num(x0 + 1)}"]
    return (f"Теңсіздікті шешіңіз: {a}x − {b} > {num(c)}", f"Решите неравенство: {a}x − {b} > {num(c)}", key, wrong)


def _integral(rng):
    a = rng.randint(2, 9)
    return _wrap(f"Есептеңіз: ∫ 2x dx, 0-ден {a}-ге дейін", f"Вычислите: ∫ 2x dx от 0 до {a}",
                 a * a, distractors(a * a, rng, 4, [2 * a, a * a // 2 if a % 2 == 0 else a * a + a]))


# Physics: every template uses g = 10 m/s² where gravity appears.
def physics_single(rng, n):
    templates = [
        ("speed", lambda: _phys(rng, "s", "t", "Дене {a} м жолды {b} с ішінде бірқалыпты жүріп өтті. Жылдамдығы қандай?",
                                "Тело равномерно прошло {a} м за {b} с. Какова его скорость?", "м/с", "м/с", "div")),
        ("newton", lambda: _phys(rng, "m", "a", "Массасы {a} кг денеге {b} м/с² үдеу беретін күш қандай?",
                                 "Какая сила сообщает телу массой {a} кг ускорение {b} м/с²?", "Н", "Н", "mul")),
        ("density", lambda: _phys(rng, "m", "V", "Массасы {a} кг, көлемі {b} м³ дененің тығыздығы қандай?",
                                  "Какова плотность тела массой {a} кг и объёмом {b} м³?", "кг/м³", "кг/м³", "div")),
        ("work", lambda: _phys(rng, "F", "s", "{a} Н күш денені {b} м-ге орын ауыстырды (күш қозғалыс бағытымен). Жұмыс қандай?",
                               "Сила {a} Н переместила тело на {b} м (сила направлена по движению). Какова работа?", "Дж", "Дж", "mul")),
        ("power", lambda: _phys(rng, "A", "t", "Қозғалтқыш {a} Дж жұмысты {b} с ішінде атқарды. Қуаты қандай?",
                                "Двигатель совершил работу {a} Дж за {b} с. Какова его мощность?", "Вт", "Вт", "div")),
        ("pressure", lambda: _phys(rng, "F", "S", "{a} Н күш {b} м² ауданға перпендикуляр әсер етеді. Қысым қандай?",
                                   "Сила {a} Н действует перпендикулярно на площадь {b} м². Каково давление?", "Па", "Па", "div")),
        ("ohm", lambda: _phys(rng, "U", "R", "Кедергісі {b} Ом өткізгіштегі кернеу {a} В. Ток күші қандай?",
                              "Напряжение на проводнике сопротивлением {b} Ом равно {a} В. Какова сила тока?", "А", "А", "div")),
        ("charge", lambda: _phys(rng, "I", "t", "Өткізгіштен {a} А ток {b} с бойы өтті. Өткізгіш арқылы қанша заряд өтті?",
                                 "По проводнику {b} с шёл ток {a} А. Какой заряд прошёл через проводник?", "Кл", "Кл", "mul")),
        ("momentum", lambda: _phys(rng, "m", "v", "Массасы {a} кг дене {b} м/с жылдамдықпен қозғалады. Импульсі қандай?",
                                   "Тело массой {a} кг движется со скоростью {b} м/с. Каков его импульс?", "кг·м/с", "кг·м/с", "mul")),
        ("weight", lambda: _gravity(rng)),
        ("kinetic", lambda: _kinetic(rng)),
        ("potential", lambda: _potential(rng)),
        ("heat", lambda: _heat(rng)),
        ("series", lambda: _series(rng)),
        ("frequency", lambda: _frequency(rng)),
    ]
    out, seen, i = [], set(), 0
    while len(out) < n:
        t = templates[i % len(templates)][1]()
        i += 1
        if t[1] in seen or len({str(o) for o in [t[2]] + t[3][:4]}) < 5:
            continue
        seen.add(t[1])
        out.append(t)
    return out


def _phys(rng, _x, _y, kk, ru, ukk, uru, op):
    if op == "mul":
        a, b = rng.randint(2, 20), rng.randint(2, 15)
        key = a * b
    else:
        key, b = rng.randint(2, 30), rng.randint(2, 12)
        a = key * b
    wrong = distractors(key, rng, 4, [a + b if op == "mul" else a * b, abs(a - b) or key + 3])
    return (kk.format(a=num(a), b=num(b)), ru.format(a=num(a), b=num(b)),
            (f"{num(key)} {ukk}", f"{num(key)} {uru}"), [(f"{num(w)} {ukk}", f"{num(w)} {uru}") for w in wrong])


def _units(key, wrong, ukk, uru):
    return (f"{num(key)} {ukk}", f"{num(key)} {uru}"), [(f"{num(w)} {ukk}", f"{num(w)} {uru}") for w in wrong]


def _gravity(rng):
    m = rng.randint(2, 90)
    k, w = _units(m * 10, distractors(m * 10, rng, 4, [m, m * 100]), "Н", "Н")
    return (f"Массасы {m} кг тыныштықтағы дененің салмағы қандай? (g = 10 м/с²)",
            f"Каков вес покоящегося тела массой {m} кг? (g = 10 м/с²)", k, w)


def _kinetic(rng):
    m, v = rng.choice([2, 4, 6, 8, 10]), rng.randint(2, 10)
    key = m * v * v // 2
    k, w = _units(key, distractors(key, rng, 4, [m * v * v, m * v]), "Дж", "Дж")
    return (f"Массасы {m} кг дене {v} м/с жылдамдықпен қозғалады. Кинетикалық энергиясы қандай?",
            f"Тело массой {m} кг движется со скоростью {v} м/с. Какова его кинетическая энергия?", k, w)


def _potential(rng):
    m, h = rng.randint(2, 10), rng.randint(2, 20)
    key = m * 10 * h
    k, w = _units(key, distractors(key, rng, 4, [m * h, m * 10 * h // 2 if h % 2 == 0 else key + 10]), "Дж", "Дж")
    return (f"Массасы {m} кг дене жерден {h} м биіктікте тұр. Потенциалдық энергиясы қандай? (g = 10 м/с²)",
            f"Тело массой {m} кг находится на высоте {h} м над землёй. Какова его потенциальная энергия? (g = 10 м/с²)", k, w)


def _heat(rng):
    m, dt = rng.choice([1, 2, 3, 5]), rng.choice([10, 20, 25, 40, 50])
    key = 4200 * m * dt // 1000
    k, w = _units(key, distractors(key, rng, 4, [4200 * m // 1000 if m > 1 else key + 4, key * 10]), "кДж", "кДж")
    return (f"{m} кг суды {dt} °C-қа жылыту үшін қанша жылу керек? (c = 4200 Дж/(кг·°C))",
            f"Сколько теплоты нужно, чтобы нагреть {m} кг воды на {dt} °C? (c = 4200 Дж/(кг·°C))", k, w)


def _series(rng):
    r1, r2 = rng.randint(2, 30), rng.randint(2, 30)
    key = r1 + r2
    k, w = _units(key, distractors(key, rng, 4, [abs(r1 - r2) or key + 4, r1 * r2]), "Ом", "Ом")
    return (f"Кедергілері {r1} Ом және {r2} Ом екі резистор тізбектей қосылған. Жалпы кедергі қандай?",
            f"Два резистора {r1} Ом и {r2} Ом соединены последовательно. Каково общее сопротивление?", k, w)


def _frequency(rng):
    t = rng.choice([Fraction(1, 2), Fraction(1, 4), Fraction(1, 5), Fraction(1, 10), Fraction(1, 20), Fraction(1, 50)])
    key = int(1 / t)
    k, w = _units(key, distractors(key, rng, 4, [key * 2, key + 5]), "Гц", "Гц")
    ts = f"{float(t):g}".replace(".", ",")
    return (f"Тербеліс периоды {ts} с. Тербеліс жиілігі қандай?", f"Период колебаний {ts} с. Какова частота колебаний?", k, w)


# Matching: (kk stem, ru stem, [(left kk, left ru, right kk, right ru)] x3, (extra right kk, ru))
MATH_MATCHING = [
    ("Функцияны оның туындысымен сәйкестендіріңіз.", "Установите соответствие между функцией и её производной.",
     [("x³", "x³", "3x²", "3x²"), ("sin x", "sin x", "cos x", "cos x"), ("eˣ", "eˣ", "eˣ", "eˣ")], ("−sin x", "−sin x")),
    ("Өрнекті оның мәнімен сәйкестендіріңіз.", "Установите соответствие между выражением и его значением.",
     [("log₂ 8", "log₂ 8", "3", "3"), ("√49", "√49", "7", "7"), ("5!", "5!", "120", "120")], ("24", "24")),
    ("Фигураны оның ауданының формуласымен сәйкестендіріңіз.", "Установите соответствие между фигурой и формулой её площади.",
     [("қабырғасы a шаршы", "квадрат со стороной a", "a²", "a²"), ("радиусы r дөңгелек", "круг радиуса r", "πr²", "πr²"),
      ("табаны a, биіктігі h үшбұрыш", "треугольник с основанием a и высотой h", "ah/2", "ah/2")], ("2πr", "2πr")),
    ("Теңдеуді оның түбірімен сәйкестендіріңіз.", "Установите соответствие между уравнением и его корнем.",
     [("2x = 10", "2x = 10", "5", "5"), ("x + 7 = 3", "x + 7 = 3", "−4", "−4"), ("3x − 1 = 8", "3x − 1 = 8", "3", "3")], ("4", "4")),
    ("Бұрышты оның синусымен сәйкестендіріңіз.", "Установите соответствие между углом и его синусом.",
     [("30°", "30°", "1/2", "1/2"), ("90°", "90°", "1", "1"), ("0°", "0°", "0", "0")], ("√3/2", "√3/2")),
]

PHYSICS_MATCHING = [
    ("Физикалық шаманы оның өлшем бірлігімен сәйкестендіріңіз.", "Установите соответствие между физической величиной и её единицей.",
     [("күш", "сила", "ньютон", "ньютон"), ("энергия", "энергия", "джоуль", "джоуль"), ("қуат", "мощность", "ватт", "ватт")],
     ("паскаль", "паскаль")),
    ("Шаманы оның формуласымен сәйкестендіріңіз.", "Установите соответствие между величиной и формулой.",
     [("қысым", "давление", "p = F/S", "p = F/S"), ("тығыздық", "плотность", "ρ = m/V", "ρ = m/V"),
      ("жылдамдық", "скорость", "v = s/t", "v = s/t")], ("F = ma", "F = ma")),
    ("Ғалымды оның ашқан заңымен сәйкестендіріңіз.", "Установите соответствие между учёным и открытым им законом.",
     [("Ньютон", "Ньютон", "бүкіләлемдік тартылыс заңы", "закон всемирного тяготения"),
      ("Ом", "Ом", "тізбек бөлігі үшін Ом заңы", "закон Ома для участка цепи"),
      ("Архимед", "Архимед", "ығыстырушы күш заңы", "закон о выталкивающей силе")],
     ("электромагниттік индукция заңы", "закон электромагнитной индукции")),
    ("Құралды ол өлшейтін шамамен сәйкестендіріңіз.", "Установите соответствие между прибором и измеряемой им величиной.",
     [("амперметр", "амперметр", "ток күші", "сила тока"), ("вольтметр", "вольтметр", "кернеу", "напряжение"),
      ("барометр", "барометр", "атмосфералық қысым", "атмосферное давление")], ("температура", "температура")),
    ("Шаманы оның өлшем бірлігімен сәйкестендіріңіз.", "Установите соответствие между величиной и единицей измерения.",
     [("электр заряды", "электрический заряд", "кулон", "кулон"), ("кедергі", "сопротивление", "ом", "ом"),
      ("кернеу", "напряжение", "вольт", "вольт")], ("ампер", "ампер")),
]

# Multiple answer pools: (kk stem, ru stem, correct [(kk, ru)], wrong [(kk, ru)])
def _same(*xs):
    return [(x, x) for x in xs]


MATH_MULTIPLE = [
    ("Жай сандарды таңдаңыз.", "Выберите простые числа.",
     _same("2", "3", "5", "7", "11", "13", "17", "19", "23", "29", "31", "37"),
     _same("1", "4", "9", "15", "21", "25", "27", "33", "35", "39", "49", "51", "57")),
    ("Жұп функцияларды таңдаңыз.", "Выберите чётные функции.",
     _same("y = x²", "y = cos x", "y = |x|", "y = x⁴ − 1"),
     _same("y = x³", "y = sin x", "y = x + 1", "y = eˣ", "y = 2x", "y = tg x", "y = √x", "y = x³ − x")),
    ("Иррационал сандарды таңдаңыз.", "Выберите иррациональные числа.",
     _same("√2", "π", "√3", "√5"),
     _same("1/3", "0,25", "√16", "−7", "2,5", "√81", "0", "22/7")),
    ("9-ға қалдықсыз бөлінетін сандарды таңдаңыз.", "Выберите числа, которые делятся на 9 без остатка.",
     _same("18", "27", "81", "153", "234", "999"),
     _same("12", "24", "39", "57", "66", "102", "111", "201", "303")),
    ("Бұрышы 90°-тан кіші бұрыштарды таңдаңыз.", "Выберите углы, меньшие 90°.",
     _same("30°", "45°", "89°", "60°"),
     _same("90°", "120°", "135°", "180°", "91°", "150°", "270°", "360°")),
]

PHYSICS_MULTIPLE = [
    ("Векторлық шамаларды таңдаңыз.", "Выберите векторные величины.",
     [("жылдамдық", "скорость"), ("күш", "сила"), ("үдеу", "ускорение"), ("импульс", "импульс"), ("орын ауыстыру", "перемещение")],
     [("масса", "масса"), ("уақыт", "время"), ("энергия", "энергия"), ("жұмыс", "работа"), ("температура", "температура"),
      ("электр заряды", "электрический заряд"), ("қуат", "мощность"), ("тығыздық", "плотность")]),
    ("ХБЖ-ның негізгі бірліктерін таңдаңыз.", "Выберите основные единицы СИ.",
     [("метр", "метр"), ("килограмм", "килограмм"), ("секунд", "секунда"), ("ампер", "ампер"), ("кельвин", "кельвин"),
      ("моль", "моль"), ("кандела", "кандела")],
     [("ньютон", "ньютон"), ("джоуль", "джоуль"), ("ватт", "ватт"), ("вольт", "вольт"), ("паскаль", "паскаль"),
      ("ом", "ом"), ("герц", "герц"), ("кулон", "кулон")]),
    ("Энергияның өлшем бірліктерін таңдаңыз.", "Выберите единицы измерения энергии.",
     [("Дж", "Дж"), ("эВ", "эВ"), ("кВт·сағ", "кВт·ч"), ("кал", "кал")],
     [("Вт", "Вт"), ("Н", "Н"), ("Па", "Па"), ("В", "В"), ("А", "А"), ("Ом", "Ом"), ("Гц", "Гц"), ("Тл", "Тл")]),
    ("Скаляр шамаларды таңдаңыз.", "Выберите скалярные величины.",
     [("масса", "масса"), ("уақыт", "время"), ("энергия", "энергия"), ("температура", "температура")],
     [("жылдамдық", "скорость"), ("күш", "сила"), ("үдеу", "ускорение"), ("импульс", "импульс"),
      ("орын ауыстыру", "перемещение"), ("салмақ", "вес"), ("магнит индукциясы", "магнитная индукция"),
      ("электр өрісінің кернеулігі", "напряжённость электрического поля")]),
    ("Электр өткізгіштерді таңдаңыз.", "Выберите проводники электрического тока.",
     [("мыс", "медь"), ("алюминий", "алюминий"), ("графит", "графит"), ("күміс", "серебро")],
     [("шыны", "стекло"), ("резеңке", "резина"), ("фарфор", "фарфор"), ("құрғақ ағаш", "сухое дерево"),
      ("пластмасса", "пластмасса"), ("слюда", "слюда"), ("эбонит", "эбонит"), ("дистилденген су", "дистиллированная вода")]),
]

# Context groups with a figure: (group id, kk stimulus, ru stimulus, media, questions as READING)
MATH_CONTEXT = (
    "parabola",
    "Суретте y = x² − 4x + 3 функциясының графигі берілген.\n\n![y = x² − 4x + 3 параболасы, төбесі (2; −1), "
    "Ox осін 1 және 3 нүктелерінде қияды](parabola.svg)",
    "На рисунке изображён график функции y = x² − 4x + 3.\n\n![Парабола y = x² − 4x + 3 с вершиной (2; −1), "
    "пересекает ось Ox в точках 1 и 3](parabola.svg)",
    "parabola.svg",
    [("Параболаның төбесінің координаталары:", "Координаты вершины параболы:",
      _same("(2; −1)", "(−2; 1)", "(1; 3)", "(2; 1)", "(0; 3)")),
     ("Функцияның нөлдері:", "Нули функции:",
      [("1 және 3", "1 и 3"), ("−1 және −3", "−1 и −3"), ("0 және 4", "0 и 4"), ("2 және 3", "2 и 3"), ("1 және 4", "1 и 4")]),
     ("График Oy осін қай нүктеде қияды?", "В какой точке график пересекает ось Oy?",
      _same("(0; 3)", "(3; 0)", "(0; −1)", "(1; 0)", "(0; 4)")),
     ("Функцияның ең кіші мәні:", "Наименьшее значение функции:", _same("−1", "2", "3", "0", "−4")),
     ("Функция кемитін аралық:", "Промежуток убывания функции:",
      _same("(−∞; 2]", "[2; +∞)", "(−∞; −1]", "[1; 3]", "(−∞; +∞)")),
     ],
)

PHYSICS_CONTEXT = (
    "velocity",
    "Суретте дененің жылдамдығының уақытқа тәуелділік графигі берілген: 0–4 с аралығында жылдамдық 0-ден 8 м/с-қа "
    "дейін бірқалыпты артады, 4–10 с аралығында тұрақты 8 м/с, 10–12 с аралығында бірқалыпты 0-ге дейін кемиді.\n\n"
    "![v(t) графигі: (0; 0), (4; 8), (10; 8), (12; 0)](velocity.svg)",
    "На рисунке дан график зависимости скорости тела от времени: с 0 до 4 с скорость равномерно растёт от 0 до "
    "8 м/с, с 4 до 10 с постоянна и равна 8 м/с, с 10 до 12 с равномерно уменьшается до 0.\n\n"
    "![График v(t): (0; 0), (4; 8), (10; 8), (12; 0)](velocity.svg)",
    "velocity.svg",
    [("0–4 с аралығындағы үдеу модулі:", "Модуль ускорения на участке 0–4 с:",
      _same("2 м/с²", "8 м/с²", "4 м/с²", "0,5 м/с²", "32 м/с²")),
     ("Алғашқы 4 с ішінде жүрілген жол:", "Путь, пройденный за первые 4 с:", _same("16 м", "32 м", "8 м", "4 м", "64 м")),
     ("4–10 с аралығында жүрілген жол:", "Путь на участке 4–10 с:", _same("48 м", "80 м", "6 м", "56 м", "40 м")),
     ("12 с ішінде жүрілген толық жол:", "Полный путь за 12 с:", _same("72 м", "96 м", "64 м", "80 м", "56 м")),
     ("10–12 с аралығындағы үдеу модулі:", "Модуль ускорения на участке 10–12 с:",
      _same("4 м/с²", "2 м/с²", "8 м/с²", "16 м/с²", "0 м/с²")),
     ],
)
