# Поле `detail` в ответах API об ошибках, на языке из заголовка Accept-Language запроса.
# Поле `id` рядом — неизменный ключ; эти тексты — для людей.

error-field = { $field }: { $reason }
error-parameter = { $parameter }={ $value }: { $reason }
error-invalid-json = тело запроса — некорректный JSON для этого вызова: { $reason }
error-too-deep = в теле запроса массивы и объекты вложены глубже { $limit } уровней (на байте { $offset })
error-too-large = тело запроса больше допустимых { $limit } байт
error-no-token = нет токена доступа: сначала войдите
error-unknown-token = токен доступа неизвестен или истёк: войдите снова
error-login-failed = неверное имя пользователя, пароль или домен
error-too-many-attempts-user = слишком много неудачных входов для этого пользователя; попробуйте снова через { $minutes } мин
error-too-many-attempts-address = слишком много неудачных входов с этого адреса; попробуйте снова через { $minutes } мин
error-forbidden = для этого нужно право { $permission } на схемы
error-admin-only = управлять пользователями может только администратор домена
error-flow-not-found = схема id={ $id } не найдена
error-name-taken = имя { $name } уже занято
error-user-exists = пользователь { $name } уже есть в этом домене
error-stale-write = схему id={ $id } изменил кто-то другой (теперь updated_at={ $current }); перезагрузите её и внесите изменение снова
error-no-route = нет такого пути API
error-unavailable = база данных сейчас недоступна; попробуйте чуть позже
error-storage-full = в базе данных не осталось места для записи; ничего не изменено. Освободите место и попробуйте снова
error-internal = внутренняя ошибка; по идентификатору запроса её можно найти в журнале сервера

## Собственные отказы фреймворка

error-wrong-method = этот путь не принимает такой метод
error-body-too-large = тело запроса больше допустимого
error-not-json = отправьте тело как application/json
error-internal-plain = внутренняя ошибка
error-unreadable-request = не удалось прочитать запрос
