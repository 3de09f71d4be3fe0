# Каталог языка схем: группы палитры, приложения и подсказки к их полям.
# Перевод файла locales/en/catalog.ftl, который создаётся из crates/model/src/catalog командой `cargo xtask locales`.
# Перевод сохраняет все id; имена из кода (ключи приложений и полей, `${variables}`)
# остаются как есть.

## Palette groups

group-flow-control = Управление схемой
group-logic-variables = Логика и переменные
group-call-control = Управление звонком
group-media = Медиа
group-queues-routing = Очереди и маршруты
group-messaging = Сообщения
group-forms = Формы
group-integrations = Интеграции
group-dialer-service = Обзвон и служебные

## Apps: the label, and what the app does

app-if = Условие
    .help = Выполняет `then`, если выражение JavaScript истинно, иначе `else`, затем продолжает после блока.
app-switch = Выбор по значению
    .help = Выполняет ветку, ключ которой точно совпадает со значением переменной; `default`, если такой нет.
app-while = Цикл
    .help = Выполняет `do` и повторяет, пока условие истинно (не более maxSteps раз).
app-function = Функция
    .help = Объявляет функцию, которую вызывает `execute`; на своём месте она не выполняется.
app-execute = Вызов функции
    .help = Вызывает функцию, объявленную в этой схеме.
app-goto = Переход
    .help = Переходит к шагу с этим тегом в той же области.
app-schema = Запуск схемы
    .help = Запускает другую сохранённую схему.
app-list = Номер в списке
    .help = Выполняет `actions`, если номер есть в списке.
app-trigger = Триггер
    .help = Обработчики: `disconnected` — после завершения звонка, `commands` — для команд чата.
app-set = Задать переменные
    .help = Задаёт переменные сессии: {"{"}name: value{"}"}.
app-unSet = Очистить переменные
    .help = Очищает перечисленные переменные сессии.
app-export = Экспорт переменных
    .help = Делает перечисленные переменные видимыми вне схемы (в записи о звонке, у оператора).
app-log = Запись в лог
    .help = Записывает текст в лог схемы.
app-js = Код JavaScript
    .help = Выполняет тело функции JavaScript и сохраняет возвращённое значение.
app-math = Математика
    .help = Применяет к данным функцию Math (по умолчанию random) и сохраняет результат.
app-string = Строки
    .help = Применяет к данным строковую функцию и сохраняет результат.
app-calendar = Календарь
    .help = Сохраняет, рабочее ли сейчас время по календарю.
app-timezone = Часовой пояс
    .help = Задаёт часовой пояс для дат в схеме.
app-softSleep = Мягкая пауза
    .help = Ждёт указанное число миллисекунд, не затрагивая звонок или чат.
app-classifier = Классификатор
    .help = Сохраняет кластер, фразы которого совпадают с входным текстом.
app-cache = Кэш
    .help = Сохраняет, читает или удаляет значения в общем кэше.
app-global = Глобальные переменные
    .help = Задаёт глобальные переменные домена ($${"{"}name{"}"}): {"{"}name: {"{"}value, encrypt{"}"}{"}"}.
app-ringReady = Сигнал вызова
    .help = Сообщает звонящему, что идёт вызов (180).
app-preAnswer = Предварительный ответ
    .help = Открывает ранний медиапоток до ответа (183).
app-answer = Ответить
    .help = Отвечает на звонок.
app-hangup = Завершить звонок
    .help = Завершает звонок с этой причиной, например USER_BUSY (пусто — обычное завершение).
app-sipRedirect = SIP-переадресация
    .help = Перенаправляет звонок (302) на указанные SIP-адреса.
app-updateCid = Изменить Caller ID
    .help = Меняет отображаемые имя и номер звонящего.
app-park = Парковка
    .help = Паркует звонок в слот указанной парковки.
app-conference = Конференция
    .help = Подключает звонок к комнате конференции.
app-bridge = Соединить
    .help = Соединяет с пользователями или шлюзами; `bridged` выполняется после соединения.
app-setGrantee = Назначить получателя
    .help = Задаёт роль, которая получит права на записи звонка.
app-markIVR = Отметка IVR
    .help = Сохраняет в звонке выбор в меню IVR для отчётов.
app-scheduleHangup = Отложенное завершение
    .help = Завершает звонок через указанное число секунд.
app-sleep = Пауза
    .help = Приостанавливает звонок на указанное число миллисекунд.
app-playback = Воспроизведение
    .help = Воспроизводит файлы; может собирать цифры или речь.
app-tts = Синтез речи
    .help = Произносит текст; может собирать цифры или речь.
app-say = Произнести
    .help = Произносит число, дату или текст встроенными голосовыми подсказками.
app-ringback = Звуки ожидания
    .help = Задаёт звуки, которые слышит звонящий во время вызова, на удержании и при переводе.
app-setSounds = Настройка звуков
    .help = Задаёт язык и голос встроенных подсказок.
app-recordFile = Запись в файл
    .help = Записывает речь звонящего в файл (например, голосовую почту).
app-recordSession = Запись разговора
    .help = Запускает или останавливает запись всего звонка.
app-inBandDTMF = DTMF в аудиопотоке
    .help = Включает или выключает распознавание тонов DTMF в аудиопотоке.
app-flushDtmf = Сброс DTMF
    .help = Сбрасывает уже нажатые цифры.
app-echo = Эхо-тест
    .help = Возвращает звонящему его собственный звук (проверка линии).
app-backgroundPlayback = Фоновое проигрывание
    .help = Проигрывает файл фоном под звук звонка, пока его не остановят.
app-joinQueue = Поставить в очередь
    .help = Ставит звонок или чат в очередь; хуки выполняются при ожидании, предложении оператору, соединении, отчёте оператора и пропуске.
app-joinAgent = Соединить с оператором
    .help = Предлагает звонок напрямую одному оператору; `bridged` выполняется после соединения.
app-cancelQueue = Выйти из очереди
    .help = Выводит звонок или чат из очереди.
app-callbackQueue = Обратный звонок
    .help = Добавляет абонента в очередь обратного звонка, чтобы перезвонить ему позже.
app-getQueueAgents = Операторы очереди
    .help = Сохраняет операторов очереди и их статусы.
app-userInfo = Данные пользователя
    .help = Сохраняет поля пользователя (статус оператора, имя, …).
app-memberInfo = Данные абонента
    .help = Сохраняет поля абонента очереди.
app-patchMembers = Изменить абонентов
    .help = Изменяет абонентов очереди, найденных по условиям поиска.
app-listAdd = Добавить в список
    .help = Добавляет номер в список (например, в чёрный список).
app-sendText = Отправить текст
    .help = Отправляет текстовое сообщение.
app-sendMessage = Отправить сообщение
    .help = Отправляет текст или файл, при необходимости с кнопками.
app-menu = Меню
    .help = Отправляет сообщение с кнопками.
app-recvMessage = Получить сообщение
    .help = Ждёт следующего сообщения клиента и сохраняет его.
app-sendFile = Отправить файл
    .help = Отправляет сохранённый файл или ссылку на него.
app-sendImage = Отправить изображение
    .help = Отправляет изображение по ссылке.
app-sendTts = Голосовое сообщение
    .help = Озвучивает текст и отправляет его голосовым сообщением.
app-stt = Распознавание речи
    .help = Распознаёт голосовое сообщение и сохраняет текст.
app-sendAction = Отправить действие
    .help = Показывает или скрывает индикатор «печатает…».
app-chatHistory = История чата
    .help = Сохраняет сообщения переписки в виде текста.
app-broadcastChatMessage = Рассылка сообщения
    .help = Отправляет сообщение собеседникам в чатах вне этой переписки.
app-formComponent = Компонент формы
    .help = Объявляет компонент ввода или отображения в форме оператора.
app-formFile = Файлы формы
    .help = Объявляет компонент со списком файлов в форме оператора.
app-formTable = Таблица формы
    .help = Объявляет компонент-таблицу; каждый именованный выход выполняет свои шаги, когда используется его действие.
app-generateForm = Сформировать форму
    .help = Показывает оператору форму из компонентов с кнопками действий.
app-httpRequest = HTTP-запрос
    .help = Вызывает веб-сервис и сохраняет части ответа.
app-sendEmail = Отправить письмо
    .help = Отправляет письмо через почтовый профиль или SMTP-сервер.
app-getEmail = Получить письмо
    .help = Сохраняет поля полученного письма.
app-notification = Уведомление
    .help = Показывает уведомление пользователям Webitel.
app-openLink = Открыть ссылку
    .help = Открывает ссылку в рабочем месте пользователя Webitel.
app-generateLink = Создать ссылку
    .help = Сохраняет публичную ссылку на файл (по умолчанию — на запись этого звонка).
app-monoPay = Оплата monobank
    .help = Создаёт, проверяет или отменяет счёт monobank.
app-chatAi = ИИ в чате
    .help = Запрашивает у модели ИИ ответ в переписке и сохраняет его.
app-gemini = Бот Gemini
    .help = Передаёт звонок или чат боту Gemini; функции и тайм-ауты выполняют свои шаги.
app-openai = Бот OpenAI
    .help = Передаёт звонок или чат realtime-боту OpenAI; функции и тайм-ауты выполняют свои шаги.
app-cascadeVoice = Голосовой конвейер
    .help = Передаёт звонок конвейеру из распознавания речи, LLM и синтеза речи; функции выполняют свои шаги.
app-attemptResult = Результат попытки
    .help = Задаёт результат обрабатываемой попытки обзвона.
app-resumeAttempt = Возобновить попытку
    .help = Возобновляет приостановленную попытку обзвона (по умолчанию — текущую).
app-makeCall = Исходящий звонок
    .help = Начинает исходящий звонок от пользователя на указанное назначение.
app-confirm = Подтвердить
    .help = Разрешает обзвону выполнить попытку, при необходимости с другим Caller ID или номером.
app-cancel = Отменить
    .help = Отменяет попытку обзвона до её выполнения.
app-success = Успешно
    .help = Завершает попытку обзвона как успешную.
app-abandoned = Потерянный
    .help = Завершает попытку обзвона как потерянную, возможно с повтором.
app-retry = Повторить
    .help = Повторяет попытку обзвона, возможно через другой ресурс.

## The help of fields and step settings

# if.expression
help-a-javascript-expression-e-g-count-3 = Выражение JavaScript, например ${"{"}count{"}"} > 3
# if.then
help-steps-when-true = Шаги, если условие истинно
# if.else
help-steps-when-false = Шаги, если условие ложно
# switch.variable
help-the-value-to-match-e-g-digits = Значение для сравнения, например ${"{"}digits{"}"}
# switch.case
help-steps-per-case-key-default-is-the-fallback = Шаги для каждого ключа; `default` — вариант по умолчанию
# while.condition
help-a-javascript-expression = Выражение JavaScript
# while.do
help-steps-to-repeat = Повторяемые шаги
# while.maxSteps
help-upper-bound-of-iterations-as-text = Максимум итераций, в виде текста
# function.name
help-the-function-s-name = Имя функции
# function.actions
help-the-function-s-steps = Шаги функции
# execute.name
help-the-function-to-call = Вызываемая функция
# execute.async, schema.async
help-run-without-waiting-for-it = Запустить, не дожидаясь завершения
# schema.id
help-the-flow-s-id = ID схемы
# schema.name
help-the-flow-s-name-for-display = Название схемы (для отображения)
# list.list, listAdd.list
help-the-list = Список
# list.destination
help-the-number-to-look-up = Номер для проверки
# list.actions
help-steps-when-the-number-is-listed = Шаги, если номер есть в списке
# trigger.disconnected
help-steps-after-the-other-side-hangs-up = Шаги после того, как другая сторона положит трубку
# trigger.commands
help-steps-per-chat-command-e-g-start = Шаги для каждой команды чата, например /start
# js.data
help-a-function-body-e-g-return-a-1 = Тело функции, например return ${"{"}a{"}"} + 1;
# js.setVar, math.setVar, string.setVar, calendar.setVar
help-variable-for-the-result = Переменная для результата
# math.fn
help-random-or-a-math-function-round-floor-max = random или функция Math: round, floor, max, …
# math.data
help-the-arguments-e-g-a-list-to-pick-a0d963 = Аргументы, например список для выбора
# string.fn
help-slice-replace-length-base64-md5-sha-256-reverse = Функция: slice, replace, length, base64, MD5, SHA-256, reverse, …
# string.data
help-the-input-text = Входной текст
# string.args
help-the-function-s-arguments = Аргументы функции
# calendar.name
help-the-calendar-s-name = Название календаря
# calendar.id
help-the-calendar-s-id = ID календаря
# calendar.extended
help-store-details-not-just-true-false = Сохранять подробности, а не только true/false
# timezone.name
help-zone-name-e-g-europe-kyiv = Название пояса, например Europe/Kyiv
# timezone.id
help-zone-id = ID пояса
# classifier.cluster
help-phrases-per-cluster-name = Фразы для каждого кластера
# classifier.input
help-the-text-to-classify = Текст для классификации
# classifier.set
help-variable-for-the-cluster-name = Переменная для названия кластера
# classifier.matchType
help-whole-or-partial-match = Полное или частичное совпадение
# classifier.phraseSearch
help-match-phrases-not-single-words = Искать фразы целиком, а не отдельные слова
# cache.action, monoPay.invoice.action
help-what-to-do = Что сделать
# cache.type
help-cache-kind = Тип кэша
# cache.set.data
help-values-per-key = Значения по ключам
# cache.set.ttl
help-how-long-to-keep-them = Сколько их хранить
# cache.set
help-values-to-store = Сохраняемые значения
# cache.get
help-variables-to-fill-variable-key = Заполняемые переменные: {"{"}переменная: ключ{"}"}
# cache.delete.keys, cache.delete
help-keys-to-delete = Удаляемые ключи
# global.value
help-the-value = Значение
# global.encrypt
help-store-encrypted = Хранить в зашифрованном виде
# updateCid.name
help-caller-id-name = Имя звонящего (Caller ID)
# updateCid.number
help-caller-id-number = Номер звонящего (Caller ID)
# updateCid.destination
help-destination = Назначение
# park.name
help-parking-lot-name = Название парковки
# park.lot
help-slot-range-e-g-1000-1010 = Диапазон слотов, например 1000-1010
# park.auto
help-park-in-or-pick-up = Припарковать или забрать с парковки
# conference.name
help-room-name = Название комнаты
# conference.profile
help-conference-profile = Профиль конференции
# conference.pin
help-pin = PIN-код
# conference.tags
help-member-flags = Флаги участника
# bridge.strategy
help-try-endpoints-one-by-one-or-all-at-dd077f = Вызывать конечные точки по очереди или все сразу
# bridge.endpoints.type
help-endpoint-kind = Тип конечной точки
# bridge.endpoints.id, makeCall.from.id, makeCall.to.id
help-id = ID (идентификатор)
# bridge.endpoints.extension, userInfo.user.extension, makeCall.from.extension, makeCall.to.extension
help-extension = Внутренний номер
# bridge.endpoints.name
help-name = Имя
# bridge.endpoints.gateway
help-gateway = Шлюз
# bridge.endpoints.dialString
help-number-to-dial-through-the-gateway = Номер для набора через шлюз
# bridge.endpoints.displayName
help-caller-name-shown = Отображаемое имя звонящего
# bridge.endpoints.idle
help-only-a-user-who-is-not-busy = Только свободный пользователь
# bridge.endpoints.parameters
help-channel-variables-of-this-leg = Переменные канала этого плеча
# bridge.endpoints
help-where-to-connect = Куда соединять
# bridge.codecs
help-allowed-codecs = Разрешённые кодеки
# bridge.sendOnAnswer
help-dtmf-to-send-once-answered = DTMF для отправки после ответа
# bridge.parameters
help-channel-variables-of-every-leg = Переменные канала всех плеч
# bridge.pickup
help-pickup-group = Группа перехвата
# bridge.userId
help-chat-the-user-to-connect = Чат: пользователь для соединения
# bridge.timeout
help-chat-seconds-to-wait = Чат: секунд ожидания
# bridge.bridged, joinAgent.bridged
help-steps-once-connected = Шаги после соединения
# markIVR.name
help-menu-name = Название меню
# markIVR.value
help-chosen-value = Выбранное значение
# scheduleHangup.seconds
help-seconds-from-now = Через сколько секунд
# scheduleHangup.cause
help-hang-up-cause = Причина завершения
# playback.files
help-files-to-play-id-or-name-with-type = Файлы для воспроизведения: {"{"}id{"}"} или {"{"}name{"}"}, с типом
# playback.terminator
help-key-that-stops-playing = Клавиша остановки воспроизведения
# playback.getDigits.setVar, tts.getDigits.setVar
help-variable-for-the-digits = Переменная для цифр
# playback.getDigits.min, tts.getDigits.min
help-fewest-digits = Минимум цифр
# playback.getDigits.max, tts.getDigits.max
help-most-digits = Максимум цифр
# playback.getDigits.tries, tts.getDigits.tries
help-attempts = Количество попыток
# playback.getDigits.timeout, tts.getDigits.timeout, httpRequest.timeout
help-milliseconds-to-wait = Время ожидания, мс
# playback.getDigits.digitTimeout, tts.getDigits.digitTimeout
help-milliseconds-to-wait-between-digits = Ожидание между цифрами, мс
# playback.getDigits.regexp, tts.getDigits.regexp
help-pattern-the-digits-must-match = Шаблон, которому должны соответствовать цифры
# playback.getDigits.terminators, tts.getDigits.terminators
help-keys-that-end-the-input-e-g = Клавиши завершения ввода, например #
# playback.getDigits.flushDTMF, tts.getDigits.flushDTMF
help-discard-digits-pressed-before = Сбросить ранее нажатые цифры
# playback.getDigits, tts.getDigits
help-collect-dtmf-digits = Сбор цифр DTMF
# playback.getSpeech, tts.getSpeech
help-collect-speech-speech-to-text-settings = Сбор речи (настройки распознавания)
# tts.text, sendTts.message
help-what-to-say = Что произнести
# tts.profile
help-tts-profile = Профиль TTS
# tts.language
help-language-e-g-en-us = Язык, например en-US
# tts.voice
help-voice-name = Название голоса
# tts.textType, sendTts.textType
help-text-or-ssml = text или ssml
# tts.terminator
help-key-that-stops-speaking = Клавиша остановки речи
# ringback.call
help-file-while-ringing = Файл во время вызова
# ringback.hold
help-file-on-hold = Файл на удержании
# ringback.transfer
help-file-on-transfer = Файл при переводе
# ringback.all
help-also-for-later-legs = Также для последующих плеч
# setSounds.lang
help-language-e-g-en = Язык, например en
# setSounds.voice, sendTts.voice, gemini.voiceName, openai.voice
help-voice = Голос
# recordFile.name, recordSession.name, sendImage.name, sendTts.fileName
help-file-name = Имя файла
# recordFile.type, recordSession.type
help-format-e-g-mp3 = Формат, например mp3
# recordFile.maxSec
help-longest-recording-in-seconds = Максимальная длительность записи в секундах
# recordFile.terminators
help-keys-that-stop-recording = Клавиши остановки записи
# recordFile.silenceThresh
help-silence-level = Порог тишины
# recordFile.silenceHits
help-seconds-of-silence-that-stop-recording = Секунд тишины до остановки записи
# recordFile.voiceMail
help-store-as-voicemail = Сохранить как голосовую почту
# recordSession.action
help-start-or-stop = Запустить или остановить
# recordSession.stereo
help-one-channel-per-side = Отдельный канал для каждой стороны
# recordSession.minSec
help-shortest-recording-kept-in-seconds = Минимальная длительность сохраняемой записи, в секундах
# recordSession.bridged
help-only-once-bridged = Только после соединения
# recordSession.followTransfer
help-keep-recording-after-a-transfer = Продолжать запись после перевода
# backgroundPlayback.file, sendFile.file, generateLink.file
help-the-file = Файл
# backgroundPlayback.name
help-name-to-stop-it-later = Имя, чтобы затем остановить
# backgroundPlayback.volumeReduction
help-decibels-quieter-than-the-call = На сколько децибел тише звонка
# joinQueue.queue, callbackQueue.queue, getQueueAgents.queue
help-the-queue = Очередь
# joinQueue.priority
help-priority-in-the-queue = Приоритет в очереди
# joinQueue.bucket, callbackQueue.bucket, memberInfo.member.bucket, patchMembers.member.bucket
help-bucket = Корзина
# joinQueue.agent, callbackQueue.agent
help-preferred-agent = Предпочтительный оператор
# joinQueue.ringtone, joinAgent.ringtone
help-ringtone-file = Файл мелодии
# joinQueue.name
help-caller-name = Имя звонящего
# joinQueue.number
help-caller-number = Номер звонящего
# joinQueue.stickyAgentId
help-agent-who-served-the-caller-before = Оператор, который уже обслуживал звонящего
# joinQueue.transferAfterBridge
help-flow-to-run-after-the-agent-hangs-up = Схема, запускаемая после того, как оператор положит трубку
# joinQueue.waiting
help-steps-while-waiting = Шаги во время ожидания
# joinQueue.offering
help-steps-when-offered-to-an-agent = Шаги при предложении оператору
# joinQueue.bridged
help-steps-when-connected-to-an-agent = Шаги при соединении с оператором
# joinQueue.reporting
help-steps-when-the-agent-reports = Шаги при отчёте оператора
# joinQueue.missed
help-steps-when-the-agent-misses = Шаги, если оператор пропустил
# joinQueue.timers.interval
help-seconds-between-runs = Секунд между запусками
# joinQueue.timers.tries
help-how-many-times = Сколько раз
# joinQueue.timers.offset
help-seconds-before-the-first-run = Секунд до первого запуска
# joinQueue.timers.actions
help-steps-to-run = Выполняемые шаги
# joinQueue.timers
help-timed-actions-while-waiting = Действия по таймеру во время ожидания
# joinAgent.agent
help-the-agent-id-or-extension = Оператор: {"{"}id{"}"} или {"{"}extension{"}"}
# joinAgent.timeout
help-seconds-to-wait-for-the-agent = Секунд ожидания оператора
# joinAgent.queue_name
help-queue-name-shown-to-the-agent = Название очереди, которое видит оператор
# joinAgent.cancel_distribute
help-stop-offering-the-agent-other-tasks = Не предлагать оператору другие задачи
# joinAgent.processing
help-after-call-processing-settings = Настройки постобработки
# callbackQueue.queue_id
help-the-queue-s-id-older-form = ID очереди (старая форма)
# callbackQueue.name, memberInfo.member.name, patchMembers.member.name
help-member-name = Имя абонента
# callbackQueue.communication.destination
help-number-or-address = Номер или адрес
# callbackQueue.communication.type
help-communication-type = Тип связи
# callbackQueue.communication.type_id
help-communication-type-id-older-form = ID типа связи (старая форма)
# callbackQueue.communication.description, listAdd.description, attemptResult.description, abandoned.description
help-description = Описание
# callbackQueue.communication.display
help-caller-id-to-show = Номер для отображения
# callbackQueue.communication.priority, callbackQueue.priority
help-priority = Приоритет
# callbackQueue.communication.resource_id
help-resource-id = ID ресурса
# callbackQueue.communication
help-how-to-reach-the-member = Как связаться с абонентом
# callbackQueue.holdSec
help-seconds-before-the-first-attempt = Секунд до первой попытки
# callbackQueue.timezone
help-member-time-zone = Часовой пояс абонента
# callbackQueue.expire_at, listAdd.expireAt, attemptResult.expiredAt
help-expiry-unix-milliseconds = Срок действия, Unix-время в мс
# callbackQueue.variables, attemptResult.variables
help-member-variables = Переменные абонента
# getQueueAgents.channel
help-channel-e-g-call-or-chat = Канал, например call или chat
# getQueueAgents.set, userInfo.set, memberInfo.set, sendEmail.set, getEmail.set
help-variables-to-fill-variable-field-of-the-result = Заполняемые переменные: {"{"}переменная: поле результата{"}"}
# userInfo.user.id
help-user-id = ID пользователя
# userInfo.user.name
help-user-name = Имя пользователя
# userInfo.user.agentId
help-agent-id = ID оператора
# userInfo.user
help-which-user = Какой пользователь
# memberInfo.member.id, patchMembers.member.id
help-member-id = ID абонента
# memberInfo.member.destination, patchMembers.member.destination
help-communication-destination = Назначение связи
# memberInfo.member.queues, patchMembers.member.queues
help-queues-to-search = Очереди для поиска
# memberInfo.member.today, patchMembers.member.today
help-only-members-created-today = Только абоненты, созданные сегодня
# memberInfo.member.completed, patchMembers.member.completed
help-completed-members = Завершённые абоненты
# memberInfo.member, patchMembers.member
help-which-member = Какой абонент
# patchMembers.patch.name
help-new-name = Новое имя
# patchMembers.patch.priority
help-new-priority = Новый приоритет
# patchMembers.patch.bucket
help-new-bucket = Новая корзина
# patchMembers.patch.readyAt, attemptResult.readyAt
help-next-attempt-unix-milliseconds = Следующая попытка, Unix-время в мс
# patchMembers.patch.stopCause
help-stop-with-this-cause = Остановить с этой причиной
# patchMembers.patch.variables
help-variables-to-set = Задаваемые переменные
# patchMembers.patch.communications
help-communications-to-change = Изменяемые средства связи
# patchMembers.patch.queueId
help-move-to-this-queue = Перенести в эту очередь
# patchMembers.patch
help-what-to-change = Что изменить
# listAdd.destination
help-the-number = Номер
# sendMessage.type
help-text-or-file = text или file
# sendMessage.text, menu.text, broadcastChatMessage.text
help-message-text = Текст сообщения
# sendMessage.file, broadcastChatMessage.file
help-file-to-send = Файл для отправки
# sendMessage.server
help-public-server-address-for-file-links = Публичный адрес сервера для ссылок на файлы
# sendMessage.buttons.caption, sendMessage.inline.caption, menu.buttons.caption, menu.inline.caption, broadcastChatMessage.buttons.caption
help-shown-on-the-button = Надпись на кнопке
# sendMessage.buttons.text, sendMessage.inline.text, menu.buttons.text, menu.inline.text, broadcastChatMessage.buttons.text
help-sent-back-when-pressed = Отправляется при нажатии
# sendMessage.buttons.type, sendMessage.inline.type, menu.buttons.type, menu.inline.type, broadcastChatMessage.buttons.type
help-button-kind-e-g-reply-url-phone = Тип кнопки, например reply, url, phone
# sendMessage.buttons.url, sendMessage.inline.url, menu.buttons.url, menu.inline.url, broadcastChatMessage.buttons.url
help-link-to-open = Открываемая ссылка
# sendMessage.buttons.code, sendMessage.inline.code, menu.buttons.code, menu.inline.code, broadcastChatMessage.buttons.code
help-code-sent-back-when-pressed = Код, отправляемый при нажатии
# sendMessage.buttons
help-keyboard-buttons = Кнопки клавиатуры
# sendMessage.inline
help-inline-buttons = Инлайн-кнопки
# sendMessage.noInput, menu.noInput
help-hide-the-text-input = Скрыть поле ввода текста
# menu.type
help-keyboard-or-inline-buttons = Кнопки клавиатуры или инлайн-кнопки
# menu.buttons
help-rows-of-buttons = Ряды кнопок
# menu.inline
help-rows-of-inline-buttons = Ряды инлайн-кнопок
# recvMessage.set
help-variable-for-the-message = Переменная для сообщения
# recvMessage.timeout, chatHistory.timeout, chatAi.timeout
help-seconds-to-wait = Секунд ожидания
# recvMessage.messageTimeout
help-seconds-to-wait-for-more-parts = Секунд ожидания следующих частей
# recvMessage.delimiter
help-joins-several-messages = Объединяет несколько сообщений
# sendFile.url
help-or-a-link = Или ссылка
# sendFile.text, sendImage.text
help-caption = Подпись
# sendFile.source, generateLink.source
help-storage-source-e-g-media = Источник в хранилище, например media
# sendFile.server, sendTts.server, generateLink.server
help-public-server-address = Публичный адрес сервера
# sendFile.expire
help-link-lifetime-in-seconds = Срок действия ссылки в секундах
# sendImage.url
help-image-link = Ссылка на изображение
# sendTts.profileId
help-tts-profile-id = ID профиля TTS
# sendTts.language, stt.language, gemini.language, openai.language
help-language = Язык
# stt.fileId
help-the-voice-message-s-file-id = ID файла голосового сообщения
# stt.profileId
help-stt-profile-id = ID профиля STT
# stt.setVar
help-variable-for-the-text = Переменная для текста
# sendAction.action
help-the-action = Действие
# chatHistory.variable
help-variable-for-the-history = Переменная для истории
# chatHistory.conversationId
help-conversation-default-this-one = Переписка (по умолчанию — текущая)
# chatHistory.format
help-output-format = Формат вывода
# chatHistory.limit
help-most-messages = Максимум сообщений
# broadcastChatMessage.profile
help-chat-gateway-profile = Профиль текстового шлюза
# broadcastChatMessage.peer
help-receivers-ids-or-id-type-via = Получатели: ID или {"{"}id, type, via{"}"}
# broadcastChatMessage.type
help-message-type = Тип сообщения
# broadcastChatMessage.buttons
help-buttons = Кнопки
# broadcastChatMessage.variables
help-variables-for-the-receivers = Переменные для получателей
# broadcastChatMessage.responseCode
help-variable-for-the-first-error = Переменная для первой ошибки
# broadcastChatMessage.failedReceivers
help-variable-for-the-failed-receivers = Переменная для получателей с ошибкой доставки
# broadcastChatMessage.timeout
help-seconds-to-wait-for-delivery = Секунд ожидания доставки
# formComponent.id, formFile.id
help-component-id-also-the-variable-it-edits = ID компонента; это же имя переменной, которую он редактирует
# formComponent.view.component, formFile.view.component
help-component-kind = Тип компонента
# formComponent.view.label, formFile.view.label
help-label = Надпись
# formComponent.view.hint, formFile.view.hint
help-hint = Подсказка
# formComponent.view.initialValue
help-initial-value = Начальное значение
# formComponent.view.options.id
help-option-id = ID варианта
# formComponent.view.options.name
help-shown-text = Отображаемый текст
# formComponent.view.options.value
help-value = Значение
# formComponent.view.options.initial
help-selected-at-first = Выбран изначально
# formComponent.view.options.final
help-final = Финальный
# formComponent.view.options
help-options-wt-select = Варианты (wt-select)
# formComponent.view.multiple
help-several-choices-wt-select = Множественный выбор (wt-select)
# formComponent.view.currentTime
help-start-at-now-wt-datetimepicker = Начинать с текущего момента (wt-datetimepicker)
# formComponent.view.color
help-color-form-text = Цвет (form-text)
# formComponent.view.collapsible
help-collapsible-form-text = Сворачиваемый (form-text)
# formComponent.view.enableCopying
help-copy-button-form-text = Кнопка копирования (form-text)
# formComponent.view.output
help-output-format-rich-text-editor = Формат вывода (rich-text-editor)
# formComponent.view.height
help-height-form-i-frame = Высота (form-i-frame)
# formComponent.view.variable
help-variable-form-select-from-object = Переменная (form-select-from-object)
# formComponent.view.object
help-source-object-form-select-from-object = Исходный объект (form-select-from-object)
# formComponent.view.serviceId
help-service-form-select-case-status = Сервис (form-select-case-status)
# formComponent.view.token
help-access-token-form-select-case-status = Токен доступа (form-select-case-status)
# formComponent.view, formFile.view, generateForm.actions.view
help-how-it-looks = Внешний вид
# formFile.view.initialValue
help-files-shown-at-first = Файлы, показанные изначально
# formFile.view.readonly
help-read-only = Только чтение
# formFile.view.collapsible
help-collapsible = Сворачиваемый
# formFile.view.channel
help-file-channel = Канал файлов
# formFile.view.entityId
help-owner-entity-id = ID сущности-владельца
# formFile.view.uuid
help-owner-uuid = UUID владельца
# formTable.id
help-component-id = ID компонента
# formTable.view
help-table-settings-columns-source-actions = Настройки таблицы: столбцы, источник, действия
# formTable.outputs
help-steps-per-action-name = Шаги для каждого действия
# generateForm.id
help-form-id = ID формы
# generateForm.title
help-title = Заголовок
# generateForm.body
help-component-ids-in-order = ID компонентов по порядку
# generateForm.actions.id
help-button-id-stored-when-pressed = ID кнопки, сохраняется при нажатии
# generateForm.actions.view.text
help-button-text = Текст кнопки
# generateForm.actions.view.color
help-button-color = Цвет кнопки
# generateForm.actions
help-buttons-not-steps = Кнопки (не шаги)
# httpRequest.url
help-address-may-contain-variables = Адрес; может содержать ${"{"}variables{"}"}
# httpRequest.method
help-get-post-put-patch-delete = Метод: GET, POST, PUT, PATCH, DELETE, …
# httpRequest.headers
help-request-headers = Заголовки запроса
# httpRequest.path
help-values-for-name-parts-of-the-address = Значения для частей адреса вида :name
# httpRequest.data
help-request-body = Тело запроса
# httpRequest.parser
help-how-to-read-the-answer-e-g-application-df76b0 = Как разбирать ответ, например application/json
# httpRequest.responseCode
help-variable-for-the-status-code = Переменная для кода ответа
# httpRequest.exportVariables
help-variables-to-fill-variable-path-in-the-answer = Заполняемые переменные: {"{"}переменная: путь в ответе{"}"}
# httpRequest.exportCookie
help-variable-for-the-cookie = Переменная для cookie
# httpRequest.cacheCookie
help-reuse-the-cookie = Повторно использовать cookie
# httpRequest.insecureSkipVerify
help-accept-any-tls-certificate = Принимать любой TLS-сертификат
# httpRequest.renegotiation
help-tls-renegotiation = Повторное согласование TLS
# sendEmail.to, notification.userIds
help-receivers = Получатели
# sendEmail.cc
help-copies = Копия
# sendEmail.from
help-sender = Отправитель
# sendEmail.subject
help-subject = Тема
# sendEmail.message
help-body = Текст письма
# sendEmail.type
help-body-type-e-g-text-html = Тип содержимого, например text/html
# sendEmail.profile
help-mail-profile = Почтовый профиль
# sendEmail.smtp
help-smtp-server-settings = Настройки SMTP-сервера
# sendEmail.replyToId
help-message-to-reply-to = Письмо, на которое нужно ответить
# sendEmail.attachment.files
help-files = Файлы
# sendEmail.attachment
help-attachments = Вложения
# sendEmail.store
help-keep-a-copy = Сохранить копию
# sendEmail.contactIds
help-contacts-to-link = Контакты для привязки
# sendEmail.ownerId
help-owner-user-id = ID пользователя-владельца
# sendEmail.retryCount
help-retries = Повторные попытки
# sendEmail.async
help-do-not-wait = Не ждать
# getEmail.email.id
help-email-id = ID письма
# getEmail.email.messageId
help-message-id = ID сообщения (Message-ID)
# getEmail.email
help-which-email = Какое письмо
# notification.message, openai.instructions.text
help-text = Текст
# notification.type
help-kind-e-g-info = Тип, например info
# notification.timeout
help-seconds-shown = Сколько секунд показывать
# openLink.userId
help-the-user = Пользователь
# openLink.url
help-the-link = Ссылка
# openLink.message
help-text-shown = Показываемый текст
# generateLink.set
help-variable-for-the-link = Переменная для ссылки
# generateLink.expire
help-lifetime-in-seconds = Срок действия в секундах
# generateLink.query
help-extra-query-parameters = Дополнительные параметры запроса
# monoPay.token
help-merchant-token = Токен мерчанта
# monoPay.invoice.body
help-parameters-amount-ccy-invoiceid-setvar = Параметры: amount, ccy, invoiceId, setVar, …
# monoPay.invoice
help-the-request = Запрос
# chatAi.connection
help-ai-service-address = Адрес сервиса ИИ
# chatAi.model
help-model = Модель
# chatAi.categories
help-categories-to-detect = Категории для определения
# chatAi.variables
help-variables-for-the-prompt = Переменные для промпта
# chatAi.historyLength
help-recent-messages-sent-default-10 = Сколько последних сообщений отправлять (по умолчанию 10)
# chatAi.response
help-variable-for-the-answer = Переменная для ответа
# chatAi.definedCategories
help-variable-for-the-categories-found = Переменная для найденных категорий
# gemini.profile, openai.profile, cascadeVoice.profile
help-the-ai-bot-profile = Профиль ИИ-бота
# gemini.model, openai.model
help-model-name = Название модели
# gemini.systemInstruction
help-system-instruction-parts-text = Системная инструкция: {"{"}parts: [{"{"}text{"}"}]{"}"}
# gemini.prompt
help-prompt = Промпт
# gemini.temperature, openai.temperature
help-sampling-temperature = Температура сэмплирования
# gemini.mediaResolution
help-media-resolution = Разрешение медиа
# gemini.vad
help-voice-activity-detection = Определение голосовой активности
# gemini.sessionResumption
help-session-resumption = Возобновление сессии
# gemini.startMessage, openai.startMessage, cascadeVoice.startMessage
help-the-bot-s-first-message = Первое сообщение бота
# gemini.transcribeVar, openai.transcribeVar, cascadeVoice.transcribeVar
help-variable-for-the-transcript = Переменная для расшифровки
# gemini.variables, openai.variables, cascadeVoice.variables
help-variables-passed-to-the-bot = Переменные, передаваемые боту
# gemini.functions.name, openai.functions.name, cascadeVoice.functions.name
help-the-name-the-model-calls = Имя, по которому модель вызывает функцию
# gemini.functions.description, openai.functions.description, cascadeVoice.functions.description
help-what-the-function-does-for-the-model = Что делает функция (описание для модели)
# gemini.functions.parameters, openai.functions.parameters, cascadeVoice.functions.parameters
help-json-schema-of-the-arguments = JSON-схема аргументов
# gemini.functions.behavior, openai.functions.behavior, cascadeVoice.functions.behavior
help-how-the-bot-waits-for-the-result = Как бот ожидает результат
# gemini.functions.idempotent, openai.functions.idempotent, cascadeVoice.functions.idempotent
help-safe-to-call-again = Можно безопасно вызывать повторно
# gemini.functions.timeoutMs, openai.functions.timeoutMs, cascadeVoice.functions.timeoutMs
help-milliseconds-to-wait-for-the-result = Ожидание результата, мс
# gemini.functions.actions, openai.functions.actions, cascadeVoice.functions.actions
help-steps-when-the-model-calls-it = Шаги при вызове моделью
# gemini.functions, openai.functions, cascadeVoice.functions
help-functions-the-model-may-call = Функции, которые может вызывать модель
# gemini.timeout.sec, openai.timeout.sec
help-seconds-of-silence = Секунд тишины
# gemini.timeout.actions, openai.timeout.actions
help-steps-when-it-fires = Шаги при срабатывании
# gemini.timeout, openai.timeout
help-steps-per-timeout-event = Шаги для каждого события тайм-аута
# openai.instructions
help-instructions = Инструкции
# openai.toolChoice
help-tool-choice = Выбор инструмента
# openai.maxResponseOutputTokens
help-longest-answer-in-tokens = Максимальная длина ответа в токенах
# openai.turnDetection
help-turn-detection = Определение смены реплик
# openai.inputAudioTranscription
help-input-transcription = Расшифровка входящего аудио
# openai.inputAudioNoiseReduction
help-noise-reduction = Шумоподавление
# cascadeVoice.stt
help-speech-to-text-id-language-punctuation = Распознавание речи: {"{"}id, language, punctuation{"}"}
# cascadeVoice.llm
help-language-model-id-model = Языковая модель: {"{"}id, model{"}"}
# cascadeVoice.tts
help-text-to-speech-id-voice-speed = Синтез речи: {"{"}id, voice, speed{"}"}
# cascadeVoice.system
help-system-prompt = Системный промпт
# attemptResult.status
help-result-status-e-g-success = Статус результата, например success
# attemptResult.stickyDisplay, abandoned.display
help-keep-the-caller-id = Сохранить отображаемый номер
# attemptResult.agentId, abandoned.agentId
help-next-attempt-s-agent = Оператор для следующей попытки
# attemptResult.redial, abandoned.redial
help-call-again = Перезвонить
# attemptResult.excludeCurrentCommunication, cancel.excludeCurrentCommunication, abandoned.excludeCurrentCommunication
help-do-not-use-this-number-again = Больше не использовать этот номер
# attemptResult.waitBetweenRetries, abandoned.waitBetweenRetries
help-seconds-between-retries = Секунд между повторами
# attemptResult.addCommunications
help-numbers-to-add = Добавляемые номера
# resumeAttempt.id
help-attempt-id = ID попытки
# makeCall.from.type, makeCall.to.type
help-endpoint-kind-e-g-user = Тип конечной точки, например user
# makeCall.from.appId, makeCall.to.appId
help-application-id = ID приложения
# makeCall.from
help-who-calls = Кто звонит
# makeCall.destination, confirm.destination
help-number-to-call = Номер для вызова
# makeCall.to
help-callee-endpoint = Конечная точка вызываемого
# makeCall.params.timeout
help-seconds-to-ring = Секунд вызова
# makeCall.params.display, confirm.display
help-caller-id = Отображаемый номер
# makeCall.params.variables
help-call-variables = Переменные звонка
# makeCall.params.audio
help-audio = Аудио
# makeCall.params.video
help-video = Видео
# makeCall.params.screen
help-screen-sharing = Демонстрация экрана
# makeCall.params.record
help-record = Записывать
# makeCall.params.hideNumber
help-hide-the-number = Скрыть номер
# makeCall.params.disableAutoAnswer
help-no-auto-answer = Без автоответа
# makeCall.params.disableStun
help-no-stun = Без STUN
# makeCall.params.cancelDistribute
help-stop-offering-other-tasks = Не предлагать другие задачи
# makeCall.params.isOnline
help-only-if-online = Только если в сети
# makeCall.params.contactId
help-contact = Контакт
# makeCall.params
help-call-options = Параметры звонка
# makeCall.setVar
help-variable-for-the-call-id = Переменная для ID звонка
# confirm.export, cancel.export, success.export, abandoned.export, retry.export
help-variables-to-pass-back-to-the-dialer = Переменные, возвращаемые в обзвон
# cancel.description
help-reason = Причина
# cancel.stop
help-stop-the-member = Остановить обзвон абонента
# cancel.waitBetweenRetries
help-seconds-before-the-next-attempt = Секунд до следующей попытки
# cancel.minOfferingAt
help-earliest-next-attempt-unix-milliseconds = Самая ранняя следующая попытка, Unix-время в мс
# abandoned.status
help-result-status = Статус результата
# abandoned.maxAttempts
help-most-attempts = Максимум попыток
# retry.nextResource
help-use-the-next-resource = Использовать следующий ресурс
# retry.sleep
help-seconds-before-retrying = Секунд до повтора
# retry.resource
help-resource-to-use = Используемый ресурс
# setting tag
help-a-label-gotos-jump-to-unique-in-its-6c25a4 = Метка, к которой переходят goto (уникальна в своей области)
# setting break
help-stop-the-flow-after-this-step = Остановить схему после этого шага
# setting limit
help-run-this-step-at-most-this-many-times-752286 = Выполнять этот шаг не больше указанного числа раз; затем — его резервный переход (рисуется связью)
# setting description
help-a-note-for-people-reading-the-flow = Заметка для тех, кто читает схему
