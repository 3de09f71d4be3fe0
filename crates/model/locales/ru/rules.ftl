# Почему поле или параметр поиска не принимается: сообщения об ошибках сервера и проверки
# редакторов при вводе. $got — вид JSON-значения (json-… из flow.ftl).

## Поля схемы

field-control-character = не должно содержать управляющих символов (найден символ номер { $at })
field-too-long = { $limit ->
    [one] должно быть не длиннее { $limit } символа, а в нём { $length }
   *[other] должно быть не длиннее { $limit } символов, а в нём { $length }
}
field-name-required = обязательно и не может быть пустым
field-blank = не может быть пустым
field-too-many-tags = { $limit ->
    [one] у схемы может быть не больше { $limit } тега, а их { $count }
   *[other] у схемы может быть не больше { $limit } тегов, а их { $count }
}
field-schema-not-array = должно быть JSON-массивом шагов, а получено: { $got }
field-not-string = должно быть строкой, а получено: { $got }
field-not-boolean = должно быть true или false, а получено: { $got }
field-not-array = должно быть массивом, а получено: { $got }
field-tag-without-name = должен содержать строку "name"
field-not-a-tag = должен быть объектом тега или строкой, а получено: { $got }
field-unknown-type = неизвестный тип схемы «{ $value }»; допустимы: default, voice, chat, processing, service

## Параметры поиска

query-unknown-sort = неизвестное поле сортировки: ожидается name, type, editor, created_at, updated_at, created_by или updated_by с + или -
query-unknown-field = неизвестное поле
query-whole-number-from-0 = ожидается целое число от 0
query-whole-number = ожидается целое число
query-unknown-type = ожидается одно из: default, voice, chat, processing, service
query-id = ожидается целочисленный 64-битный id
query-boolean = ожидается true или false
query-uses = ожидается вид:ключ, где вид — одно из: flow, queue, calendar, list, media, user, gateway, email-profile, tts-profile, chat-bot, global, host
query-kind = ожидается одно из: flow, queue, calendar, list, media, user, gateway, email-profile, tts-profile, chat-bot, global, host
query-key-empty = ожидается id или имя объекта
query-text-too-short = нужен текст для поиска не короче 2 символов
query-tags-sort = теги сортируются только по имени: ожидается +name или -name

## Другие поля и заголовки

field-username = не может быть пустым или содержать управляющие символы
field-password-short = { $limit ->
    [one] должен быть не короче { $limit } символа
   *[other] должен быть не короче { $limit } символов
}
field-nul = не должно содержать символ U+0000
field-invalid-steps = { $reason }
query-if-match = ожидается updated_at схемы в кавычках, например "1719000000000"
