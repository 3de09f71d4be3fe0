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
start-from = Начать с
blank-flow = Пустая схема
blank-flow-about = Схема без шагов.
template-ivr-menu = IVR-меню с часами работы, очередями и голосовой почтой
template-ivr-menu-about = Отвечает, проверяет календарь часов работы; в рабочее время меню направляет 1 в продажи, 2 в поддержку; в нерабочее время или при другой клавише записывает голосовое сообщение.
template-callback-request = Заказ обратного звонка
template-callback-request-about = Предлагает перезвонить: 1 ставит номер звонящего в очередь обратных звонков, другая клавиша оставляет ждать в очереди поддержки.
template-chat-menu-bot = Чат-бот с меню и передачей оператору
template-chat-menu-bot-about = Здоровается, предлагает темы кнопками; о статусе заказа отвечает бот, всё остальное уходит в очередь поддержки чата.
template-agent-form = Форма оператора
template-agent-form-about = Форма результата звонка для оператора: причина на выбор, заметки и кнопки «Сохранить» или «Перезвонить позже».
template-dialer-result = Обработка результата обзвона
template-dialer-result-about = Решает исход каждой попытки обзвона по результату: успех, повтор позже при занято или без ответа, иначе отказ после 3 попыток.
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
used-by-others = Схемы, которые вызывают удаляемое, перестанут работать на этом шаге:
used-by = «{ $name }» используется в: { $users }
uses-unknown = Этот сервер не сообщает, какие схемы вызывают удаляемое.
deleted-but-called = «{ $name }» удалена; её всё ещё запускают { $users } — они остановятся на этом шаге.
search-where = Где искать
search-names = В названиях
search-inside = Внутри схем
search-inside-placeholder = Текст в шагах, описаниях, тегах или заметках
type-to-search-inside = Введите хотя бы { $count } символа, чтобы искать внутри схем.
nothing-inside = Ни в шагах, ни в описаниях, тегах или заметках этих схем нет такого текста
inside-unavailable = Этот сервер не умеет искать внутри схем (движок Webitel не хранит их содержимое в индексе): ищите по названию.
diagram-note = Заметка
uses-filter = Использует
uses-kind = Вид объекта
uses-key-placeholder = Id или имя, затем Enter
uses-unavailable = Этот сервер не сообщает, что используют схемы (у движка Webitel нет такого индекса).
used-by-flows = { $count ->
        [one] используется в { $count } схеме
        [few] используется в { $count } схемах
       *[many] используется в { $count } схемах
    }
object-kind-flow = Схема
object-kind-queue = Очередь
object-kind-calendar = Календарь
object-kind-list = Список
object-kind-media = Медиафайл
object-kind-user = Пользователь
object-kind-gateway = Шлюз
object-kind-email-profile = Почтовый профиль
object-kind-tts-profile = Профиль TTS
object-kind-chat-bot = Чат-бот
object-kind-global = Глобальная переменная
object-kind-host = Хост
dependencies = Связанные схемы
used-by-heading = Используется в
runs-heading = Запускает схемы
used-by-none = Эту схему не запускает ни одна другая.
runs-none = Эта схема не запускает других схем.
used-by-unknown = Этот сервер не сообщает, какие схемы запускают эту (у движка Webitel нет такого индекса).
runs-flow = Запускает
open-flow = Открыть
no-flow-with-id = Здесь нет схемы с id { $id }: выберите схему ниже.
pick-flow = Выберите схему по названию
pick-flow-placeholder = Начните вводить название
nothing-matches = Ничего не найдено
pick-by-name = Выбрать по имени
pick-by-name-placeholder = Введите часть имени
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
