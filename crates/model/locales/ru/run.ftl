## Run panel
run-title = Запуск
run-start = Запустить
run-continue = Продолжить
run-step = Шаг
run-pause = Пауза
run-restart = Заново
run-stop = Остановить
run-close = Закрыть панель запуска
run-tab = Разговор
run-mocks-tab = Заглушки
run-tests-tab = Тесты ({ $count })
run-toggle-breakpoint = Точка остановки
run-not-started = Не запущено: запуск проигрывает схему такой, какая она в редакторе, сохранённой или нет
run-running = Выполняется… { $steps ->
        [one] { $steps } шаг
        [few] { $steps } шага
       *[other] { $steps } шагов
    }
run-paused = Пауза после { $steps ->
        [one] { $steps } шага
       *[other] { $steps } шагов
    }
run-at-breakpoint = Остановлено в точке остановки после { $steps ->
        [one] { $steps } шага
       *[other] { $steps } шагов
    }
run-waiting = Ждёт абонента после { $steps ->
        [one] { $steps } шага
       *[other] { $steps } шагов
    }
run-waiting-for-pick = Ждёт вашего выбора после { $steps ->
        [one] { $steps } шага
       *[other] { $steps } шагов
    }
run-ended = { $reason ->
        [end] Схема завершилась
        [break] Шаг break завершил схему
        [hangup] Звонок завершён
       *[budget] Остановлено: { $detail }
    } после { $steps ->
        [one] { $steps } шага
       *[other] { $steps } шагов
    }
run-failed = Запуск невозможен: { $reason }
run-mocks-refused = Заглушка задана неверно: см. отмеченное поле на вкладке «Заглушки»
run-plays = Играет
run-says = Говорит
run-reported = Сообщает
run-no-answer = Нет ответа (тайм-аут)
run-hang-up = Положить трубку
run-close-chat = Закрыть чат
run-keypad = Клавиатура
run-send = Отправить
run-say-something = Что говорит абонент
run-reply-placeholder = Ответ или команда, например /start
run-waits-for-keys = Нажмите от { $min } до { $max } клавиш (попытка { $attempt } из { $tries }), # завершает ввод
run-waits-for-reply = Ждёт ответа
run-waits-for-speech = Ждёт, что скажет абонент
run-waits-for-outcome = { $app } ждёт вашего решения: чем он закончился?
run-outcome-values = Переменные, которые он записывает, по одной в строке: имя=значение
run-succeeds = Выполнен успешно
run-fails = Завершился ошибкой
run-outcome-error = Текст ошибки, если она была
run-remember-outcome = Запомнить как ответ этого шага по умолчанию
run-ask-apps = Спрашивать, чем заканчиваются внешние шаги
run-ask-apps-hint = Сведения об участнике, о пользователе, агенты очереди и другие шаги, которые симулятор не может выполнить сам, ждут вашего выбора, если «apps» ниже не задаёт их ответ. Без отметки они выполняются успешно и ничего не записывают.
run-steps = Шаги
run-earlier-steps-hidden = { $count ->
        [one] { $count } более ранний шаг не показан
        [few] { $count } более ранних шага не показаны
       *[other] { $count } более ранних шагов не показаны
    }
run-earlier-changes-hidden = { $count ->
        [one] { $count } более раннее изменение не показано
        [few] { $count } более ранних изменения не показаны
       *[other] { $count } более ранних изменений не показаны
    }
run-time = Время
run-app = Шаг
run-arguments = Аргументы
run-outcome = Результат
run-dropped = Среда выполнения пропустит { $path }: { $reason }
run-variables = Переменные
run-history = История
run-caller-number = Номер абонента
run-dialled-number = Набранный номер
run-channel-variables = Переменные канала при старте
run-globals = Глобальные ($${"{"}name{"}"})
run-http-answers = Ответы HTTP
run-calendars = Календари
run-more-mocks = Списки, кэш, очередь, соединение, другие приложения (JSON)
run-pair-hint = По одной в строке: имя=значение
run-http-hint = По одному в строке: МЕТОД URL=СТАТУС ТЕЛО (* — что угодно), или URL=timeout, URL=error
run-calendar-hint = По одному в строке: календарь=open, closed, expired или exception
run-more-hint = queue: как абонент ждёт и покидает очередь; bridge: ответили ли на вызов
run-expected-pair = имя=значение
run-expected-http = МЕТОД URL=СТАТУС ТЕЛО, например GET https://api/*=200 {"{"}"ok": true{"}"}
run-expected-calendar = календарь=open, closed, expired или exception
run-wrong-line = Строка { $line }: ожидается { $expected }
run-wrong-json = Здесь неверно: { $reason }
run-save-as-test = Сохранить как тест
run-run-first = Запустите схему до конца (или до ожидания ввода), чтобы сохранить запуск как тест.
run-test-name = Название теста
run-default-test-name = Тест { $number }
run-expect-steps = Ожидать те же шаги
run-expect-variables = Ожидать значения переменных
run-no-tests = Сохранённых тестов пока нет. Тест хранит заглушки запуска, ввод абонента и то, чем он закончился, вместе со схемой.
run-all-tests = Запустить все
run-test = Запустить
run-passed = Пройден
run-failed-with = Не пройден: { $difference }
run-not-a-test = Не тест: { $reason }
