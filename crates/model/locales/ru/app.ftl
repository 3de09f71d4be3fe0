# Собственные тексты веб-страницы: перевод locales/en/app.ftl (там же пояснения к текстам).

## Оболочка и вход

flow = Схемы
sign-in = Войти
sign-out = Выйти
username = Имя пользователя
password = Пароль
domain = Домен
api-base-url = Адрес API
api-base-hint = Где находится API: /api для этого сервера или адрес движка Webitel
wrong-sign-in = Неверное имя пользователя, пароль или домен.
no-flow-access = У этой учётной записи нет прав на чтение схем.
not-webitel-api = Сервер по этому адресу отвечает не так, как API Webitel: проверьте адрес API.
domain-hint = Не нужен, если имя пользователя записано как user@domain
session-ended = Сеанс завершён: истёк его срок или был выполнен выход. Войдите снова, чтобы вернуться на открытую страницу.
signing-in = Вход…
loading = Загрузка…
language = Язык
# Название этого языка на нём самом, как его показывает переключатель языка.
language-name = Русский
page-not-found = Такой страницы нет.
go-to-flows = К схемам

## Шапка списка схем

add = Добавить
upload = Загрузить
refresh = Обновить
delete-selected = Удалить выбранные ({ $count })

## Фильтры

tags = Теги
tags-placeholder = Начните вводить тег
search = Поиск
search-placeholder = Поиск по имени (* — любые символы)
flow-types = Типы
reset-filters = Сбросить фильтры
expand-filters = Развернуть фильтры
collapse-filters = Свернуть фильтры
remove-tag = Убрать тег { $tag }
no-suggestions = Подходящих тегов нет

## Таблица

select-all = Выбрать все схемы на странице
select-flow = Выбрать { $name }
name = Имя
editor = Редактор
type = Тип
created = Создана
modified = Изменена
actions = Действия
download = Скачать
edit = Изменить
delete = Удалить
sort-ascending = по возрастанию
sort-descending = по убыванию
not-sorted = без сортировки

## Страницы

rows-per-page = Строк на странице
previous-page = Предыдущая страница
next-page = Следующая страница
page-number = Страница { $page }

## Состояния

no-flows-yet = Схем пока нет
no-results = Нет схем, подходящих под поиск и фильтры
unreachable = Сервер недоступен
retry = Повторить

## Окно создания

create-new-flow = Создать новую схему
diagram = Диаграмма
code = Код
choose-type = Выберите тип
create = Создать
close = Закрыть
cancel = Отмена

## Окно импорта

import-json = Импорт JSON
create-new = Создать новую схему?
will-replace = Схема «{ $name }» будет заменена импортируемой
no-flow-named = Схемы с именем «{ $name }» нет — заменять нечего
name-taken = Схема «{ $name }» уже существует: выберите другое имя
cannot-import = Этот файл нельзя импортировать: { $reason }
server-unreachable = не удаётся связаться с сервером: { $reason }
unexpected-answer = сервер ответил то, чего страница не ожидала: { $reason }
changed-since-opened = кто-то другой сохранил эту схему, пока она была открыта
imported = Схема «{ $name }» импортирована
replaced = Схема «{ $name }» заменена

## Окно удаления

confirm-deletion = Подтвердите удаление
delete-question = Удалить { $names }? Это действие нельзя отменить.
deleted = Удалено: { $count ->
        [one] { $count } схема
        [few] { $count } схемы
       *[many] { $count } схем
    }
delete-failed = «{ $name }» не удалена: { $reason }
changed-meanwhile = её только что изменил кто-то другой; обновите и повторите
no-permission = у вас нет на это прав

## Страница схемы с кодом

general = Общее
description = Описание
debug = Отладка
flow-schema = JSON схемы
save = Сохранить
saving = Сохранение…
successfully-updated = Успешно обновлено
new-flow = Новая схема
schema-error = Схему нельзя сохранить: { $reason }
unsaved-changes = Несохранённые изменения
unsaved-question = Сохранить изменения перед уходом?
dont-save = Не сохранять
stale-write = Кто-то другой уже сохранил эту схему: перезагрузите её, чтобы увидеть изменения
dismiss = Закрыть уведомление

## Редактор диаграмм

palette = Шаги
resize-panel = Изменить ширину боковой панели
hide-panel = Скрыть боковую панель
show-panel = Показать боковую панель
find-app = Найти шаг
zoom-to-fit = Показать всё
zoom-actual-size = Масштаб { $percent }%: вернуть 100%
show-json = Показать JSON
problems = Проблемы
no-problems = Проблем нет
diagram-canvas = Диаграмма: перетаскивание сдвигает, колесо масштабирует, щелчок выбирает шаг, Delete удаляет его
diagram-nodes = Шаги диаграммы
compiled-schema = Схема, которую сохраняет диаграмма
format = Форматировать
draft-found = В браузере сохранены несохранённые изменения от { $when }
restore-draft = Восстановить
discard-draft = Отбросить
open-as-diagram = Открыть как диаграмму
convert-to-diagram = Сделать схему диаграммой?
convert-question = Это схема с редактором «Код». Сохранение здесь сделает её диаграммой: она будет открываться в редакторе диаграмм, а её содержимое будет собираться из диаграммы.
convert-and-save = Сделать диаграммой и сохранить
undo = Отменить (Ctrl+Z)
redo = Повторить (Shift+Ctrl+Z)
properties = Свойства
step-json = Шаг в виде JSON
apply = Применить

## Редактор кода, версии и конфликты

versions = Версии
version-note = Заметка к версии (необязательно)
save-blocked = Не сохранено: сначала исправьте { $count ->
        [one] { $count } ошибку
        [few] { $count } ошибки
       *[many] { $count } ошибок
    }. { $first-error }
no-versions = Прежних версий пока нет: каждое сохранение, меняющее схему, сохраняет предыдущую.
version-number = Версия { $version }
saved-by = { $who }, { $when }
someone = кто-то
current-text = Текущий текст (как введён)
restore-version = Восстановить эту версию
restore-needs-saved = Сначала сохраните или отмените изменения: восстановление сохраняет версию как новое содержимое схемы
restored-note = Восстановлена версия { $version }
unchanged-lines = { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[many] { $count } строк
    } без изменений
no-differences = Нет отличий от текущего текста
lines-changed = −{ $removed } +{ $added } строк
load-more = Показать ещё
conflict-title = Схему сохранил кто-то другой
conflict-text = { $who } сохранил(а) её { $when }, после того как вы её открыли. Ваши изменения ещё не сохранены: выберите, что оставить.
reload-theirs = Загрузить их версию
overwrite-with-mine = Перезаписать моей
copy-mine = Скопировать мою
copied = Ваша схема скопирована в буфер обмена
cannot-copy = Не удалось скопировать в буфер обмена: { $reason }
fullscreen = Во весь экран
exit-fullscreen = Выйти из полноэкранного режима (Esc)
editor-unavailable = Редактор кода не загрузился: редактирование как обычного текста.
choose-version = Выберите версию, чтобы сравнить её с текущим текстом.
current-version = Версия { $version } (текущая)
form = Форма
arrange = Упорядочить
to-start = К началу
find-in-flow = Найти шаг, приложение или текст
find-next = Следующее совпадение (Enter)
find-previous = Предыдущее совпадение (Shift+Enter)
match-count = { $total ->
        [0] нет совпадений
       *[other] { $current } из { $total }
    }
cannot-paste = Ничего не вставлено: { $reason }
save-with-errors = Сохранить с ошибками?
has-errors = В схеме { $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
       *[many] { $count } ошибок
    }: до исправления она не будет работать так, как нарисована.
save-anyway = Всё равно сохранить
save-as = Сохранить как
copy-name = { $name } (копия)
links = Связи
next-step = далее
not-linked = — не связано
add-note = Добавить заметку
note = Заметка
group = Группа
note-on-canvas = Заметка: { $text }
group-steps = Сгруппировать выбранные шаги (Ctrl+G)
ungroup = Разгруппировать
collapse = Свернуть
expand = Развернуть
select-steps = Выбрать её шаги
group-name = Название группы
new-group-name = Группа { $number }
group-on-canvas = Группа { $label }: { $steps ->
        [one] { $steps } шаг
        [few] { $steps } шага
       *[many] { $steps } шагов
    }{ $state ->
        [collapsed] , свёрнута
       *[expanded] {""}
    }
zoom-to-selection = Показать выбранное (F)
add-item = Добавить
remove-item = Удалить
zoom-in = Приблизить (+)
zoom-out = Отдалить (−)
flow-settings = Настройки схемы
done = Готово
copy-schema = Скопировать
new-entry-name = Новое имя
linked-on-canvas = связывается на холсте

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
