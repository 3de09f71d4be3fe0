# Подсказки и автодополнение редактора кода: вид значения и ключи, которые может иметь любой шаг.

assist-not-offered = недоступно для схем типа «{ $type }»
assist-required = { $kind }, обязательное
assist-argument = Аргумент: { $kind }
assist-step = шаг
assist-tag = метка

## Виды значений

kind-text = текст
kind-expression = выражение
kind-variable = имя переменной
kind-number = число
kind-numeric-text = число текстом
kind-boolean = true или false
kind-object = объект
kind-list = список: { $item }
kind-map = словарь: { $item }
kind-reference = {"{"}id{"}"} или {"{"}name{"}"}
kind-steps = шаги
kind-json = любой JSON
kind-empty = пусто

## Ключи, которые может иметь любой шаг

assist-step-tag = Метка, к которой переходит goto (уникальная в своей области).
assist-step-break = Остановить схему после этого шага.
assist-step-limit = Выполнить шаг не более `max` раз, затем перейти к метке `failover`.
assist-step-trace = Записывать выполнение этого шага в журнал.
assist-step-async = Выполнить, не дожидаясь завершения шага.
assist-step-description = Заметка для тех, кто читает схему.
assist-step-id = Узел диаграммы, к которому относится этот шаг.

## Ключи ссылки и лимита

assist-reference-id = Идентификатор объекта, на который ссылается поле
assist-reference-name = Имя объекта, на который ссылается поле
assist-limit-max = Сколько раз может выполниться шаг
assist-limit-failover = Куда перейти, когда лимит исчерпан
